using System.Diagnostics;
using System.Text.Json;
using Gaze.Models;

namespace Gaze.Benchmarks;

/// <summary>
/// What a participant waits for: one whole calibration per model through a running service over
/// HTTP (form parsing, storing the record, the calibration, its report, the answer), on the
/// simulated 9 x 90 rows of tests/goldens/calibration.json that <see cref="CalibrationTiming"/>
/// and scikit-learn are timed on. The service must allow the requests (raise its calibration limit).
/// With <c>concurrent</c> above 1, that many calibrations of a model start together each time; every
/// one's latency counts, and any that fails is reported with its status.
/// </summary>
public static class HttpCalibrationTiming
{
    private const int MaxRepeats = 200;

    /// <summary>Models whose first calibration took less (ms) go round in the service warm-up.</summary>
    private const double QuickMs = 1000;

    public static async Task RunAsync(Uri service, string goldenPath, int repeats, int concurrent = 1, string? onlyModel = null)
    {
        var rows = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("datasets").GetProperty("sim_9x90").GetProperty("rows");
        using var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(10) };
        var medians = new Dictionary<string, double>();
        // One model (Auto included), or every model in turn.
        string[] models = onlyModel is null ? [.. ModelRegistry.Names] : [onlyModel];
        // Concurrent runs measure a service under default settings (limits included) while other
        // load runs beside them, so they warm up with one calibration, as a user's first would be.
        if (concurrent == 1)
        {
            await WarmUpServiceAsync(client, rows, models);
        }

        foreach (var model in models)
        {
            if (concurrent == 1)
            {
                await PredictionTiming.WarmUpAsync(() => HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model));
            }
            else
            {
                await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model);
            }

            var times = new List<double>();
            var failed = 0;
            // At least the asked repeats, and more for the fast models (up to 3 s of them): a
            // handful of 10-ms calibrations on a noisy machine gives no stable median.
            var timing = Stopwatch.GetTimestamp();
            for (var i = 0; i < repeats || (concurrent == 1 && i < MaxRepeats && Stopwatch.GetElapsedTime(timing) < TimeSpan.FromSeconds(3)); i++)
            {
                foreach (var time in await Task.WhenAll(Enumerable.Range(0, concurrent).Select(_ => TimeOrFailAsync(client, rows, model))))
                {
                    if (time is { } ms)
                    {
                        times.Add(ms);
                    }
                    else
                    {
                        failed++;
                    }
                }
            }

            medians[model] = times.Count > 0 ? PredictionTiming.Median(times) : double.NaN;
            Console.Error.WriteLine($"HTTP {model}, {concurrent} at once: median {medians[model]:F1} ms, longest {(times.Count > 0 ? times.Max() : double.NaN):F1} ms, {failed} failed, over {times.Count + failed}");
        }

        Console.WriteLine(JsonSerializer.Serialize(medians));
    }

    /// <summary>
    /// The service starts cold: every model goes round (the slow ones once) until 10 s have passed,
    /// so the first model measured does not pay the tiered JIT of the paths all models share.
    /// </summary>
    private static async Task WarmUpServiceAsync(HttpClient client, JsonElement rows, string[] models)
    {
        var quick = new List<string>();
        foreach (var model in models)
        {
            if (await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model) < QuickMs)
            {
                quick.Add(model);
            }
        }

        var warming = Stopwatch.GetTimestamp();
        while (quick.Count > 0 && Stopwatch.GetElapsedTime(warming) < TimeSpan.FromSeconds(10))
        {
            foreach (var model in quick)
            {
                await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model);
            }
        }
    }

    // A calibration that fails (503 over its time budget, say) is counted, not fatal to the run.
    private static async Task<double?> TimeOrFailAsync(HttpClient client, JsonElement rows, string model)
    {
        try
        {
            return await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model);
        }
        catch (HttpRequestException failure)
        {
            Console.Error.WriteLine($"HTTP {model}: failed with {failure.StatusCode}");
            return null;
        }
    }

    private static string NewId() => "benchmark-" + Guid.NewGuid().ToString("N");
}
