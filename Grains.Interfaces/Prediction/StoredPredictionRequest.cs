namespace Gaze.Grains.Interfaces.Prediction;

/// <summary>A session batch to map with the calibration stored under <paramref name="CalibrationId"/>.</summary>
/// <param name="CalibrationId">The id given as <c>file_name</c> at calibration.</param>
/// <param name="Model">Requested model name; unknown names mean Linear Regression.</param>
/// <param name="ScreenWidth">Target screen width in pixels.</param>
/// <param name="ScreenHeight">Target screen height in pixels.</param>
/// <param name="Samples">The session's iris samples.</param>
[GenerateSerializer, Immutable, Alias("Gaze.StoredPredictionRequest")]
public sealed record StoredPredictionRequest(
    [property: Id(0)] string CalibrationId,
    [property: Id(1)] string? Model,
    [property: Id(2)] double ScreenWidth,
    [property: Id(3)] double ScreenHeight,
    [property: Id(4)] IrisColumns Samples);
