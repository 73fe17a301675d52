using BenchmarkDotNet.Running;
using Gaze.Benchmarks;

// "calibration <calibration.json> <repeats>": per-model calibration latency (see CalibrationTiming);
// anything else goes to BenchmarkDotNet.
if (args is ["calibration", var golden, var repeats])
{
    CalibrationTiming.Run(golden, int.Parse(repeats));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RateDecisionBenchmarks).Assembly).Run(args);
