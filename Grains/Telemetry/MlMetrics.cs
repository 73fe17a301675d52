using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Interfaces.Prediction;
using Gaze.Grains.Prediction;

namespace Gaze.Grains.Telemetry;

/// <summary>
/// Metrics of the ML work, recorded where it runs (the silo): calibration and batch durations by
/// model and outcome, and the prediction cache's hits and misses. Names follow the OpenTelemetry
/// conventions: durations in seconds, the service's own names under <c>gaze.</c>.
/// </summary>
public sealed class MlMetrics
{
    public const string MeterName = "Gaze.Ml";

    private readonly Histogram<double> _calibrations;
    private readonly Histogram<double> _batches;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _foldFits;

    public MlMetrics(IMeterFactory meterFactory, GazeMappingCache cache)
    {
        var meter = meterFactory.Create(MeterName);
        _calibrations = meter.CreateHistogram<double>("gaze.calibration.duration", unit: "s", description: "Time to calibrate, by model and outcome.");
        _batches = meter.CreateHistogram<double>("gaze.batch.duration", unit: "s", description: "Time to predict a batch, by model, mode and outcome.");
        _cacheLookups = meter.CreateCounter<long>("gaze.prediction.cache.lookups", unit: "{lookup}", description: "Lookups of fitted batch mappings, by result (hit or miss).");
        _foldFits = meter.CreateCounter<long>("gaze.calibration.fold_fits", unit: "{fit}", description: "Grid-search fits (one candidate on one fold) this silo ran, by model.");
        meter.CreateObservableUpDownCounter("gaze.prediction.cache.entries", () => cache.Count, unit: "{mapping}", description: "Fitted batch mappings held by this silo.");
    }

    /// <summary>Runs a calibration and records how long it took and how it ended.</summary>
    public Task<CalibrationResult> TimeCalibrationAsync(string model, Func<Task<CalibrationResult>> calibrate) =>
        TimeAsync(_calibrations, new TagList { { "gaze.model", model } }, calibrate, result => result.Rejection);

    /// <summary>Runs a batch prediction and records how long it took and how it ended.</summary>
    /// <param name="mode"><c>stored</c> or <c>stateless</c>.</param>
    public Task<PredictionResult> TimeBatchAsync(string model, string mode, Func<Task<PredictionResult>> predict) =>
        TimeAsync(_batches, new TagList { { "gaze.model", model }, { "gaze.batch.mode", mode } }, predict, result => result.Rejection);

    /// <summary>Runs <paramref name="work"/> and records its duration in <paramref name="durations"/>, tagged with how it ended.</summary>
    private static async Task<T> TimeAsync<T>(Histogram<double> durations, TagList tags, Func<Task<T>> work, Func<T, WorkRejection?> rejectionOf)
    {
        var start = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await work();
            outcome = Outcome(rejectionOf(result));
            return result;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            if (durations.Enabled)
            {
                tags.Add("gaze.outcome", outcome);
                durations.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, tags);
            }
        }
    }

    /// <summary>ok, or why there was no answer (an exception is "cancelled" or "error").</summary>
    private static string Outcome(WorkRejection? rejection) => rejection?.Kind switch
    {
        null => "ok",
        RejectionKind.Unprocessable => "rejected",
        RejectionKind.CalibrationNotFound => "not_found",
        RejectionKind.StorageUnavailable => "storage_unavailable",
        RejectionKind.OverBudget => "over_budget",
        _ => "other",
    };

    public void FoldFitted(string model, int fits)
    {
        if (_foldFits.Enabled)
        {
            _foldFits.Add(fits, new KeyValuePair<string, object?>("gaze.model", model));
        }
    }

    public void CacheLookup(bool hit)
    {
        if (_cacheLookups.Enabled)
        {
            _cacheLookups.Add(1, new KeyValuePair<string, object?>("gaze.cache.result", hit ? "hit" : "miss"));
        }
    }
}
