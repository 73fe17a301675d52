namespace Gaze.Grains.Prediction;

/// <summary>
/// What a stored-calibration mapping depends on. The calibration's version is part of the key, so a
/// replaced calibration can never be served from a mapping fitted on its predecessor.
/// </summary>
public readonly record struct GazeMappingKey(string CalibrationId, long Version, string Model, double ScreenWidth, double ScreenHeight);
