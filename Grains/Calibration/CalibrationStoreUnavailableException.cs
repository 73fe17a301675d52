namespace Gaze.Grains.Calibration;

/// <summary>
/// The calibration store could not be read or written (its storage is down or too slow). Raised by
/// <see cref="CalibrationStoreCalls"/> so grains answer it as a retryable rejection, apart from faults
/// of their own work.
/// </summary>
public sealed class CalibrationStoreUnavailableException(string calibrationId, Exception inner)
    : Exception($"The calibration store for '{calibrationId}' is unavailable: {inner.Message}", inner)
{
    public string CalibrationId { get; } = calibrationId;
}
