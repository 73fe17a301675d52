using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Prediction;

/// <summary>Whether a batch was mapped, and if not, why.</summary>
public enum PredictionStatus
{
    Predicted,

    /// <summary>No calibration is stored under the requested id (answered 404).</summary>
    CalibrationNotFound,

    /// <summary>Well-formed data the models could not be fitted to (answered 422 with the reason).</summary>
    Rejected,
}

/// <summary>Gaze points in screen pixels, one per sample, in sample order.</summary>
/// <param name="Status">Outcome; X and Y are empty unless <see cref="PredictionStatus.Predicted"/>.</param>
/// <param name="X">Predicted x per sample.</param>
/// <param name="Y">Predicted y per sample.</param>
/// <param name="ValidationMetricsJson">Stateless mode only: the calibration metrics object, as JSON.</param>
/// <param name="Reason">Why the batch was rejected.</param>
[GenerateSerializer, Immutable, Alias("Gaze.PredictionResult")]
public sealed record PredictionResult(
    [property: Id(0)] PredictionStatus Status,
    [property: Id(1)] ImmutableArray<double> X,
    [property: Id(2)] ImmutableArray<double> Y,
    [property: Id(3)] string? ValidationMetricsJson,
    [property: Id(4)] string? Reason)
{
    public static PredictionResult Predicted(ImmutableArray<double> x, ImmutableArray<double> y, string? validationMetricsJson = null) =>
        new(PredictionStatus.Predicted, x, y, validationMetricsJson, null);

    public static PredictionResult NotFound(string calibrationId) =>
        new(PredictionStatus.CalibrationNotFound, [], [], null, $"No calibration is stored under calib_id '{calibrationId}'.");

    public static PredictionResult Rejected(string reason) => new(PredictionStatus.Rejected, [], [], null, reason);
}
