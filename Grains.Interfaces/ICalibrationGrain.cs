using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Interfaces;

/// <summary>
/// CPU-bound calibration work. A stateless worker, so each node runs at most one per core;
/// call it with key 0.
/// </summary>
public interface ICalibrationGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores the calibration under its id, then runs it. Well-formed data that cannot be
    /// calibrated comes back as a rejection, not an exception. Stops early when cancelled.
    /// </summary>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<CalibrationResult> CalibrateAsync(CalibrationRecord record, CancellationToken cancellationToken = default);
}
