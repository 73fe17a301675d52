namespace Gaze.Calibration;

/// <summary>Well-formed data that cannot be calibrated (answered 422 with <see cref="Exception.Message"/> as the reason).</summary>
public sealed class CalibrationRejectedException(string reason) : Exception(reason);
