using System.Diagnostics;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Models;
using Gaze.Prediction;

namespace Gaze.Benchmarks;

/// <summary>
/// Wall-clock cost of the stored-calibration batch pipeline per model, in-process, on the simulated
/// 9 x 90 calibration and session of tests/goldens/prediction.json: the same rows
/// <c>generate_prediction.py --time</c> times scikit-learn on. "first" is a batch whose mapping is
/// not cached yet (fit + predict), "cached" one whose mapping is (predict only). Batches: the
/// session twice over (10,000 samples) and its first 300 samples. Each is warmed up first.
/// </summary>
public static class PredictionTiming
{
    public static void Run(string goldenPath, int repeats)
    {
        var data = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("cases").GetProperty("sim_9x90");
        CalibrationSample[] calibration = [.. data.GetProperty("fixed").EnumerateArray().Select(Row).Select(r => new CalibrationSample(r[0], r[1], r[2], r[3], r[4], r[5]))];
        double[][] session = [.. data.GetProperty("session").EnumerateArray().Select(Row)];
        var batches = new Dictionary<string, EyePositions> { ["10000"] = EyePositions.FromRows([.. session, .. session]), ["300"] = EyePositions.FromRows(session[..300]) };
        var width = data.GetProperty("w").GetDouble();
        var height = data.GetProperty("h").GetDouble();

        var results = new Dictionary<string, Dictionary<string, double>>();
        foreach (var model in ModelRegistry.Names)
        {
            foreach (var (size, batch) in batches)
            {
                WarmUp(() => GazeMapping.Fit(calibration, model, width, height, GazeMappingKind.StoredCalibration).Predict(batch));
                var first = new List<double>();
                var cached = new List<double>();
                for (var i = 0; i < repeats; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    var mapping = GazeMapping.Fit(calibration, model, width, height, GazeMappingKind.StoredCalibration);
                    mapping.Predict(batch);
                    first.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    started = Stopwatch.GetTimestamp();
                    mapping.Predict(batch);
                    cached.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                results[$"{model}|{size}"] = new() { ["first_ms"] = Median(first), ["cached_ms"] = Median(cached) };
                Console.Error.WriteLine($"{model}, {size} samples: first {Median(first):F2} ms, cached {Median(cached):F2} ms");
            }
        }

        Console.WriteLine(JsonSerializer.Serialize(results));
    }

    /// <summary>
    /// Runs <paramref name="work"/> 30 times or for 2 s, whichever ends first, so tiered JIT has
    /// promoted the hot code: a service runs steady-state code, not its first-call code.
    /// </summary>
    internal static async Task WarmUpAsync(Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < 30 && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2); i++)
        {
            await work();
        }
    }

    private static void WarmUp(Action work) => WarmUpAsync(() =>
    {
        work();
        return Task.CompletedTask;
    }).GetAwaiter().GetResult();

    internal static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    internal static double[] Row(JsonElement row) => [.. row.EnumerateArray().Select(v => v.GetDouble())];
}
