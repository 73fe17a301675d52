using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Prediction;

/// <summary>Gaze points in screen pixels, one per sample, in sample order; or why there are none.</summary>
/// <param name="X">Predicted x per sample (empty when rejected).</param>
/// <param name="Y">Predicted y per sample (empty when rejected).</param>
/// <param name="ValidationMetricsJson">Stateless mode only: the calibration metrics object, as JSON.</param>
/// <param name="Rejection">Why the batch was not mapped, when it was not.</param>
/// <remarks>Ids 0 and 4 held the earlier status and reason; they stay unused so mixed versions decode.</remarks>
[GenerateSerializer, Immutable, Alias("Gaze.PredictionResult")]
public sealed record PredictionResult(
    [property: Id(1)] ImmutableArray<double> X,
    [property: Id(2)] ImmutableArray<double> Y,
    [property: Id(3)] string? ValidationMetricsJson,
    [property: Id(5)] WorkRejection? Rejection)
{
    public static PredictionResult Predicted(ImmutableArray<double> x, ImmutableArray<double> y, string? validationMetricsJson = null) =>
        new(x, y, validationMetricsJson, null);

    public static PredictionResult NotFound(string calibrationId) => new([], [], null, WorkRejection.CalibrationNotFound(calibrationId));

    public static PredictionResult Rejected(string reason) => new([], [], null, WorkRejection.Unprocessable(reason));

    public static PredictionResult StoreUnavailable(string calibrationId) => new([], [], null, WorkRejection.StorageUnavailable(calibrationId));
}
