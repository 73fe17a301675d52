using System.Diagnostics;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Benchmarks;

/// <summary>
/// Wall-clock latency of one whole calibration per model on the simulated 9 x 90 dataset of
/// tests/goldens/calibration.json, the same rows scikit-learn is timed on by
/// <c>generate_calibration.py --time</c>. A calibration takes from milliseconds to seconds, so this
/// is a plain repeated timing (after a warm-up of 30 runs or 2 s) rather than a BenchmarkDotNet job.
/// </summary>
public static class CalibrationTiming
{
    public static void Run(string goldenPath, int repeats)
    {
        var (samples, k) = Simulated(goldenPath);
        var calibrator = new Calibrator(DefaultGrids.Create());
        var medians = new Dictionary<string, double>();
        foreach (var model in ModelRegistry.Names)
        {
            PredictionTiming.WarmUpAsync(() =>
            {
                calibrator.Calibrate(samples, k, model, CancellationToken.None);
                return Task.CompletedTask;
            }).GetAwaiter().GetResult();
            var times = new List<double>();
            // At least the asked repeats, and more for the fast models (up to 3 s of them).
            var timing = Stopwatch.GetTimestamp();
            for (var i = 0; i < repeats || (i < 200 && Stopwatch.GetElapsedTime(timing) < TimeSpan.FromSeconds(3)); i++)
            {
                var started = Stopwatch.GetTimestamp();
                calibrator.Calibrate(samples, k, model, CancellationToken.None);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            times.Sort();
            medians[model] = times[times.Count / 2];
            Console.Error.WriteLine($"{model}: median {medians[model]:F1} ms over {times.Count}");
        }

        Console.WriteLine(JsonSerializer.Serialize(medians));
    }

    /// <summary>The simulated 9 x 90 calibration of tests/goldens/calibration.json and its k.</summary>
    internal static (CalibrationSample[] Samples, int K) Simulated(string goldenPath)
    {
        var data = JsonDocument.Parse(File.ReadAllText(goldenPath)).RootElement.GetProperty("datasets").GetProperty("sim_9x90");
        CalibrationSample[] samples = [.. data.GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .Select(r => new CalibrationSample(r[0], r[1], r[2], r[3], r[4], r[5]))];
        return (samples, data.GetProperty("k").GetInt32());
    }
}
