using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Gaze.Grains.Calibration;

/// <summary>
/// Stores a calibration, then runs the CPU-bound calibration. A stateless worker: Orleans keeps
/// at most one activation per core on each node (the default bound), and each activation handles
/// one request at a time, so fitted models are never shared between requests.
/// </summary>
[StatelessWorker]
public sealed partial class CalibrationGrain(IOptions<CalibrationOptions> options, ILogger<CalibrationGrain> logger) : Grain, ICalibrationGrain
{
    private readonly Calibrator _calibrator = new(options.Value.EffectiveGrids());

    public async Task<CalibrationResult> CalibrateAsync(CalibrationRecord record, CancellationToken cancellationToken = default)
    {
        try
        {
            await CalibrationStoreCalls.ReachAsync(GrainFactory.GetGrain<ICalibrationStoreGrain>(record.Id).SaveAsync(record), record.Id);
        }
        catch (CalibrationStoreUnavailableException unavailable)
        {
            // Not stored, so not calibrated either: the client retries the whole request.
            LogStoreUnavailable(logger, unavailable.InnerException!, record.Id);
            return CalibrationResult.Unstored(record.Id);
        }

        var samples = record.Fixed.ToSamples();
        try
        {
            // CPU-bound within this turn; the calibrator checks the token between stages (and
            // between grid candidates) so an abandoned or over-budget request frees its core.
            var outcome = _calibrator.Calibrate(samples, record.K, record.Model, cancellationToken);
            LogCalibrated(logger, record.Id, record.Model, samples.Length, outcome.Split, outcome.ChosenX, outcome.ChosenY);
            return CalibrationResult.Success(CalibrationResponseWriter.ToJson(outcome));
        }
        catch (CalibrationRejectedException rejected)
        {
            LogRejected(logger, record.Id, rejected.Message);
            return CalibrationResult.Rejected(rejected.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibrated {CalibrationId} with {Model} on {Samples} samples ({Split} split); chosen x {ChosenX}, y {ChosenY}")]
    private static partial void LogCalibrated(ILogger logger, string calibrationId, string model, int samples, string split, IReadOnlyDictionary<string, string> chosenX, IReadOnlyDictionary<string, string> chosenY);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calibration {CalibrationId} not stored: the calibration store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string calibrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Calibration {CalibrationId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string calibrationId, string reason);
}
