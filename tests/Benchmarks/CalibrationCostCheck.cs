using System.Diagnostics;
using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Benchmarks;

/// <summary>
/// The admission estimate (<see cref="Calibrator.CostOf"/>, <see cref="FitCosts"/>) against the CPU
/// time calibrations really take: the models with a measurable cost on the 9 x 90 rows of
/// tests/goldens/calibration.json and on twice as many (each row again, its iris positions moved by
/// up to ±1 webcam pixel), one calibration each, every step on this thread. The estimate
/// is for two busy ML threads, which run each fit about 1.3 times slower than one thread alone
/// (docs/benchmarks.md), so its ratio to this single-threaded CPU time is expected near 1.3.
/// </summary>
public static class CalibrationCostCheck
{
    public static void Run(string goldenPath)
    {
        var (rows, _) = CalibrationTiming.Simulated(goldenPath);
        var calibrator = new Calibrator(DefaultGrids.Create());
        Console.WriteLine("| model | samples | CPU, one thread (s) | estimate (s) | estimate / CPU |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var copies in new[] { 1, 2 })
        {
            var samples = Samples(rows, copies);
            foreach (var model in new[] { ModelRegistry.BayesianRidge, ModelRegistry.SgdRegressor, ModelRegistry.RandomForestRegressor, ModelRegistry.SupportVectorRegressor })
            {
                calibrator.Calibrate(samples[..90], 3, model, CancellationToken.None); // JIT and first-use costs
                var before = Process.GetCurrentProcess().TotalProcessorTime;
                calibrator.Calibrate(samples, 9, model, CancellationToken.None);
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalSeconds;
                var estimate = calibrator.CostOf(model, samples.Length).Duration(threads: 1).TotalSeconds;
                Console.WriteLine($"| {model} | {samples.Length} | {cpu:F2} | {estimate:F2} | {estimate / cpu:F2} |");
            }
        }
    }

    private static CalibrationSample[] Samples(CalibrationSample[] rows, int copies)
    {
        var random = new Random(5);
        return
        [
            .. Enumerable.Range(0, copies).SelectMany(copy => rows.Select(r =>
            {
                double Jitter() => copy == 0 ? 0 : (random.NextDouble() - 0.5) * 2.0;
                return r with { LeftX = r.LeftX + Jitter(), LeftY = r.LeftY + Jitter(), RightX = r.RightX + Jitter(), RightY = r.RightY + Jitter() };
            })),
        ];
    }
}
