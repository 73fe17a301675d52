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
    /// <param name="record">The calibration.</param>
    /// <param name="timeBudget">
    /// How long the caller lets it run, when it has a (positive) limit: a calibration estimated to
    /// take longer is refused before anything is stored (<see cref="RejectionKind.OverBudget"/>).
    /// </param>
    /// <param name="cancellationToken">Stops the work (the budget running out, the client leaving).</param>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<CalibrationResult> CalibrateAsync(CalibrationRecord record, TimeSpan? timeBudget = null, CancellationToken cancellationToken = default);
}
