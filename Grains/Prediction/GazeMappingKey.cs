using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Prediction;

/// <summary>
/// What a stored-calibration mapping depends on. The calibration's revision is part of the key, so a
/// replaced calibration is never served from a mapping fitted on its predecessor.
/// </summary>
public readonly record struct GazeMappingKey(string CalibrationId, CalibrationRevision Revision, string Model, double ScreenWidth, double ScreenHeight);
