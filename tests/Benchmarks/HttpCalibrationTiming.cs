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
    public static async Task RunAsync(Uri service, string goldenPath, int repeats, int concurrent = 1, string? onlyModel = null)
    {
        var rows = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("datasets").GetProperty("sim_9x90").GetProperty("rows");
        using var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(10) };
        var medians = new Dictionary<string, double>();
        foreach (var model in ModelRegistry.Names.Where(name => onlyModel is null || name == onlyModel))
        {
            // Warmed as the batch benchmarks are (30 runs or 2 s, at least one), so tiered JIT has
            // settled and the figure is a running service's, not a fresh node's first requests.
            await PredictionTiming.WarmUpAsync(() => HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model));
            var times = new List<double>();
            var failed = 0;
            for (var i = 0; i < repeats; i++)
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
            Console.Error.WriteLine($"HTTP {model}, {concurrent} at once: median {medians[model]:F1} ms, longest {(times.Count > 0 ? times.Max() : double.NaN):F1} ms, {failed} failed, over {repeats}");
        }

        Console.WriteLine(JsonSerializer.Serialize(medians));
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
