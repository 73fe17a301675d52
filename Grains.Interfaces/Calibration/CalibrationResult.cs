namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>Outcome of a calibration request.</summary>
/// <param name="ResponseJson">The response body when the calibration succeeded.</param>
/// <param name="Rejection">Why well-formed data could not be calibrated, when it failed.</param>
/// <param name="ModelX">The model the x axis was fitted with, when it succeeded.</param>
/// <param name="ModelY">The model the y axis was fitted with, when it succeeded.</param>
/// <remarks>Id 1 held the earlier rejection text; it stays unused so mixed versions decode.</remarks>
[GenerateSerializer, Immutable, Alias("Gaze.CalibrationResult")]
public sealed record CalibrationResult(
    [property: Id(0)] string? ResponseJson,
    [property: Id(2)] WorkRejection? Rejection,
    [property: Id(3)] string? ModelX = null,
    [property: Id(4)] string? ModelY = null)
{
    public static CalibrationResult Success(string json, string modelX, string modelY) => new(json, null, modelX, modelY);

    public static CalibrationResult Rejected(string reason) => new(null, WorkRejection.Unprocessable(reason));

    public static CalibrationResult Unstored(string calibrationId) => new(null, WorkRejection.StorageUnavailable(calibrationId));

    public static CalibrationResult Refused(WorkRejection rejection) => new(null, rejection);
}
