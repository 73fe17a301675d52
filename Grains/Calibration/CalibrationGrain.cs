using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Gaze.Grains.Calibration;

/// <summary>
/// Stores a calibration and runs it meanwhile: its grid-search fits spread over the silos
/// (<see cref="SiloFitWork"/>), its other CPU-bound steps on this silo's ML threads. A stateless
/// worker: Orleans keeps at most one activation per core on each node (the default bound), and each
/// activation handles one request at a time, so fitted models are never shared between requests.
/// </summary>
[StatelessWorker]
public sealed partial class CalibrationGrain(
    IOptions<CalibrationOptions> options,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    MlMetrics metrics,
    MlThreads mlThreads,
    IGrainFactory grains,
    IClusterMembershipService membership,
    CalibrationAdmission admission,
    RunningCalibrations running,
    ILogger<CalibrationGrain> logger) : Grain, ICalibrationGrain
{
    private readonly Calibrator _calibrator = new(options.Value.EffectiveGrids());

    public Task<CalibrationResult> CalibrateAsync(CalibrationRecord record, TimeSpan? timeBudget = null, CancellationToken cancellationToken = default) =>
        metrics.TimeCalibrationAsync(record.Model, () => AdmitAsync(record, timeBudget, cancellationToken));

    private async Task<CalibrationResult> AdmitAsync(CalibrationRecord record, TimeSpan? timeBudget, CancellationToken cancellationToken)
    {
        // A caller without a limit (none, or an infinite one) is never refused.
        if (timeBudget is { } budget && budget > TimeSpan.Zero && admission.Refusal(_calibrator, record, budget) is { } refusal)
        {
            LogRefused(logger, record.Id, refusal.Reason);
            return CalibrationResult.Refused(refusal);
        }

        using var counted = running.Enter();
        return await StoreAndCalibrateAsync(record, cancellationToken);
    }

    private async Task<CalibrationResult> StoreAndCalibrateAsync(CalibrationRecord record, CancellationToken cancellationToken)
    {
        var store = GrainFactory.GetGrain<ICalibrationStoreGrain>(record.Id);
        var samples = record.Fixed.ToSamples();
        // The calibration runs while the record is stored (a few milliseconds of SQLite or Redis
        // the participant need not wait for first); its answer waits for the record, and a record
        // that could not be stored stops it. CPU-bound steps run on ML threads, never on the
        // thread pool; the grid-search fits spread over the silos. The token reaches every fit,
        // so an abandoned or over-budget request frees its cores.
        using var stopCalibration = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var calibrating = _calibrator.CalibrateAsync(samples, record.K, record.Model, new SiloFitWork(grains, membership, mlThreads), stopCalibration.Token);
        StoredCalibration stored;
        try
        {
            stored = await CalibrationStoreCalls.ReachAsync(store.SaveAsync(record), record.Id);
        }
        catch (Exception notStored)
        {
            await StopAsync(stopCalibration, calibrating);
            if (notStored is not CalibrationStoreUnavailableException unavailable)
            {
                throw;
            }

            // Not stored, so not calibrated either: the client retries the whole request.
            LogStoreUnavailable(logger, unavailable.InnerException!, record.Id);
            return CalibrationResult.Unstored(record.Id);
        }

        try
        {
            var outcome = await calibrating;
            LogCalibrated(logger, record.Id, record.Model, samples.Length, outcome.Split, outcome.ModelX, outcome.ChosenX, outcome.ModelY, outcome.ChosenY);
            await KeepReportAsync(store, stored.Version, CalibrationReports.From(outcome, record.Model, time.GetUtcNow()), record.Id);
            return CalibrationResult.Success(CalibrationResponseWriter.ToJson(outcome), outcome.ModelX, outcome.ModelY);
        }
        catch (CalibrationRejectedException rejected)
        {
            LogRejected(logger, record.Id, rejected.Message);
            return CalibrationResult.Rejected(rejected.Message);
        }
    }

    /// <summary>
    /// Cancels a calibration whose answer is no longer wanted and waits until its fits have let go
    /// of the ML threads. How it ended (cancelled, rejected, or finished just before) does not
    /// matter any more, so its outcome is deliberately dropped.
    /// </summary>
    private static async Task StopAsync(CancellationTokenSource stop, Task calibrating)
    {
        await stop.CancelAsync();
        try
        {
            await calibrating;
        }
        catch (Exception)
        {
            // Dropped on purpose (see above); the store failure is what gets reported.
        }
    }

    /// <summary>
    /// The report is for people looking back at the calibration. It is written before the answer,
    /// so a report page opened right after the answer shows it; but the participant's answer never
    /// fails because of it (the record itself was stored): any failure is only logged.
    /// </summary>
    private async Task KeepReportAsync(ICalibrationStoreGrain store, long version, CalibrationReport report, string calibrationId)
    {
        try
        {
            await store.SaveReportAsync(version, report);
        }
        catch (Exception exception)
        {
            LogReportNotKept(logger, exception, calibrationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration {CalibrationId} answered, but its report was not kept")]
    private static partial void LogReportNotKept(ILogger logger, Exception exception, string calibrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibrated {CalibrationId} with {Model} on {Samples} samples ({Split} split); x {ModelX} {ChosenX}, y {ModelY} {ChosenY}")]
    private static partial void LogCalibrated(ILogger logger, string calibrationId, string model, int samples, string split, string modelX, IReadOnlyDictionary<string, string> chosenX, string modelY, IReadOnlyDictionary<string, string> chosenY);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration {CalibrationId} not stored: the calibration store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string calibrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibration {CalibrationId} not started: {Reason}")]
    private static partial void LogRefused(ILogger logger, string calibrationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibration {CalibrationId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string calibrationId, string reason);
}
