using System.Runtime.InteropServices;
using Gaze.Grains.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Interfaces.Prediction;
using Gaze.Grains.Scheduling;
using Gaze.Grains.Telemetry;
using Gaze.Models;
using Gaze.Prediction;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Gaze.Grains.Prediction;

/// <summary>
/// Maps session batches to screen points. A stateless worker: Orleans keeps at most one activation
/// per core on each node (the default bound) and each handles one batch at a time. Stored-mode
/// mappings come from the node's <see cref="GazeMappingCache"/>, keyed by the calibration's current
/// revision, which is asked of the calibration's store grain on every batch. Fits and predictions
/// run on the silo's <see cref="MlThreads"/>.
/// </summary>
[StatelessWorker]
public sealed partial class PredictionGrain(GazeMappingCache cache, MlMetrics metrics, MlThreads mlThreads, ILogger<PredictionGrain> logger) : Grain, IPredictionGrain
{
    public Task<PredictionResult> PredictAsync(StoredPredictionRequest request, CancellationToken cancellationToken = default) =>
        metrics.TimeBatchAsync(GazeMapping.ResolveModel(request.Model), "stored", () => PredictWithStoreAsync(request, cancellationToken));

    private async Task<PredictionResult> PredictWithStoreAsync(StoredPredictionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await PredictStoredAsync(request, cancellationToken);
        }
        catch (CalibrationStoreUnavailableException unavailable)
        {
            LogStoreUnavailable(logger, unavailable.InnerException!, request.CalibrationId);
            return PredictionResult.StoreUnavailable(request.CalibrationId);
        }
    }

    private async Task<PredictionResult> PredictStoredAsync(StoredPredictionRequest request, CancellationToken cancellationToken)
    {
        var store = GrainFactory.GetGrain<ICalibrationStoreGrain>(request.CalibrationId);
        var revision = await CalibrationStoreCalls.ReachAsync(store.GetRevisionAsync(), request.CalibrationId);
        if (revision is null)
        {
            return PredictionResult.NotFound(request.CalibrationId);
        }

        var key = new GazeMappingKey(request.CalibrationId, revision, GazeMapping.ResolveModel(request.Model), request.ScreenWidth, request.ScreenHeight);
        var mapping = cache.Find(key);
        metrics.CacheLookup(hit: mapping is not null);
        StoredCalibration? stored = null;
        if (mapping is null)
        {
            // The record is fetched only on a miss, and the entry is keyed by the fetched record's
            // own revision: a replacement between the two calls is cached under the one it was fitted on.
            stored = await CalibrationStoreCalls.ReachAsync(store.GetAsync(), request.CalibrationId);
            if (stored is null)
            {
                return PredictionResult.NotFound(request.CalibrationId);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await mlThreads.RunAsync(() => Guarded(request.CalibrationId, () => Predict(mapping ?? FitStored(stored!, key with { Revision = stored!.Revision }, cancellationToken), request.Samples)), cancellationToken);
    }

    public Task<PredictionResult> PredictStatelessAsync(StatelessPredictionRequest request, CancellationToken cancellationToken = default) =>
        metrics.TimeBatchAsync(GazeMapping.ResolveModel(request.Model), "stateless", () => mlThreads.RunAsync(() => Guarded("(stateless)", () =>
        {
            var calibration = request.Calibration.ToSamples();
            var mapping = GazeMapping.Fit(calibration, request.Model, request.ScreenWidth, request.ScreenHeight, GazeMappingKind.Stateless, cancellationToken);
            var validation = ValidationMetricsCalculator.Compute(mapping, calibration, Eyes(request.Validation));
            return Predict(mapping, request.Samples) with { ValidationMetricsJson = ValidationMetricsWriter.ToJson(validation) };
        }), cancellationToken));

    // A fit that runs out of its caller's budget fails for every batch waiting on it, and is not cached.
    private GazeMapping FitStored(StoredCalibration stored, GazeMappingKey key, CancellationToken cancellationToken) =>
        cache.GetOrFit(key, () =>
        {
            var (modelX, modelY) = key.Model == ModelRegistry.Auto ? ModelsOf(stored) : (key.Model, key.Model);
            var mapping = GazeMapping.Fit(stored.Record.Fixed.ToSamples(), modelX, modelY, key.ScreenWidth, key.ScreenHeight, GazeMappingKind.StoredCalibration, cancellationToken);
            LogFitted(logger, key.CalibrationId, key.Revision.Version, key.Model, key.ScreenWidth, key.ScreenHeight, mapping.TrainingRows);
            return mapping;
        });

    /// <summary>
    /// The models a stored calibration was fitted with, which a batch with model <c>Auto</c> reuses.
    /// Reports kept before they recorded a model per axis used their calibration's model for both.
    /// </summary>
    private static (string X, string Y) ModelsOf(StoredCalibration stored) => stored.Report switch
    {
        { ModelX: { } x, ModelY: { } y } => (x, y),
        { Model: var model } when ModelRegistry.IsKnown(model) => (model, model),
        _ => throw new PredictionRejectedException(
            $"Calibration '{stored.Record.Id}' has no calibration report that says which models it was fitted with, so model_name '{ModelRegistry.Auto}' cannot reuse them; calibrate it again, or name a model."),
    };

    private static PredictionResult Predict(GazeMapping mapping, IrisColumns samples)
    {
        var predictions = mapping.Predict(Eyes(samples));
        return PredictionResult.Predicted(ImmutableCollectionsMarshal.AsImmutableArray(predictions.X), ImmutableCollectionsMarshal.AsImmutableArray(predictions.Y));
    }

    /// <summary>Data the models cannot be fitted to is the client's to fix: a rejection, not a fault.</summary>
    private PredictionResult Guarded(string calibrationId, Func<PredictionResult> work)
    {
        try
        {
            return work();
        }
        catch (PredictionRejectedException rejected)
        {
            LogRejected(logger, calibrationId, rejected.Message);
            return PredictionResult.Rejected(rejected.Message);
        }
    }

    // Request arrays are never mutated, so the engine reads them in place instead of copying 100,000 samples.
    private static EyePositions Eyes(IrisColumns columns) => new(
        ImmutableCollectionsMarshal.AsArray(columns.LeftX) ?? [],
        ImmutableCollectionsMarshal.AsArray(columns.LeftY) ?? [],
        ImmutableCollectionsMarshal.AsArray(columns.RightX) ?? [],
        ImmutableCollectionsMarshal.AsArray(columns.RightY) ?? []);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fitted batch mapping for {CalibrationId} v{Version} with {Model} at {Width}x{Height} on {Rows} rows")]
    private static partial void LogFitted(ILogger logger, string calibrationId, long version, string model, double width, double height, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch for {CalibrationId} not predicted: the calibration store is unavailable")]
    private static partial void LogStoreUnavailable(ILogger logger, Exception exception, string calibrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch prediction for {CalibrationId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string calibrationId, string reason);
}
