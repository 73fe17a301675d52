using System.Text.Json;
using Gaze.Models;

namespace Gaze.Benchmarks;

/// <summary>
/// What a participant waits for: one whole calibration per model through a running service over
/// HTTP (form parsing, storing the record, the calibration, its report, the answer), on the
/// simulated 9 x 90 rows of tests/goldens/calibration.json that <see cref="CalibrationTiming"/>
/// and scikit-learn are timed on. The service must allow the requests (raise its calibration limit).
/// </summary>
public static class HttpCalibrationTiming
{
    public static async Task RunAsync(Uri service, string goldenPath, int repeats)
    {
        var rows = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("datasets").GetProperty("sim_9x90").GetProperty("rows");
        using var client = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromMinutes(10) };
        var medians = new Dictionary<string, double>();
        foreach (var model in ModelRegistry.Names)
        {
            await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model);
            var times = new List<double>();
            for (var i = 0; i < repeats; i++)
            {
                times.Add(await HttpPredictionTiming.CalibrateAsync(client, NewId(), rows, model));
            }

            medians[model] = PredictionTiming.Median(times);
            Console.Error.WriteLine($"HTTP {model}: median {medians[model]:F1} ms over {repeats}");
        }

        Console.WriteLine(JsonSerializer.Serialize(medians));
    }

    private static string NewId() => "benchmark-" + Guid.NewGuid().ToString("N");
}
