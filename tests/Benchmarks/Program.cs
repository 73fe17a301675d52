using BenchmarkDotNet.Running;
using Gaze.Benchmarks;
using Gaze.Benchmarks.Limiter;

// "calibration <calibration.json> <repeats>": per-model calibration latency (see CalibrationTiming);
// "calibration-cost <calibration.json>": the admission estimate against measured CPU time (see CalibrationCostCheck);
// "prediction <prediction.json> <repeats>": batch-prediction cost in-process (see PredictionTiming);
// "http-calibration <base url> <calibration.json> <repeats> [<concurrent> <model>]": per-model calibration latency through a running service, or of one model (Auto included) (see HttpCalibrationTiming);
// "http-prediction <base url> <prediction.json> <repeats>": the same through a running service;
// "key-memory <keys>": GC heap and RSS per active client key, and after their grains are collected (see KeyMemory);
// "soak <base url> <service pid> <seconds> <clients> <idle seconds>": mixed traffic, 5xx and memory (see Soak);
// "limiter-app <url>": the framework's AddRateLimiter on the same policies, the yardstick of tests/Benchmarks/limiter-vs-builtin.sh;
// "legit-latency <base url> <prediction.json> <seconds> <clients> <interval ms> <address prefix>": batch latency of well-behaved clients (see LegitLatency);
// "grain-throughput <seconds>": grain calls per second in-process, to active grains and to new activations (see GrainThroughput);
// anything else goes to BenchmarkDotNet.
switch (args)
{
    case ["grain-throughput", var seconds]:
        await GrainThroughput.RunAsync(TimeSpan.FromSeconds(int.Parse(seconds)));
        return;
    case ["calibration", var golden, var repeats]:
        CalibrationTiming.Run(golden, int.Parse(repeats));
        return;
    case ["calibration-cost", var golden]:
        CalibrationCostCheck.Run(golden);
        return;
    case ["prediction", var golden, var repeats]:
        PredictionTiming.Run(golden, int.Parse(repeats));
        return;
    case ["key-memory", var keys]:
        await KeyMemory.RunAsync(int.Parse(keys));
        return;
    case ["soak", var service, var pid, var seconds, var clients, var idle]:
        await Soak.RunAsync(new Uri(service), int.Parse(pid), TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(clients), TimeSpan.FromSeconds(int.Parse(idle)));
        return;
    case ["http-calibration", var service, var golden, var repeats]:
        await HttpCalibrationTiming.RunAsync(new Uri(service), golden, int.Parse(repeats));
        return;
    case ["http-calibration", var service, var golden, var repeats, var concurrent, var model]:
        await HttpCalibrationTiming.RunAsync(new Uri(service), golden, int.Parse(repeats), int.Parse(concurrent), model);
        return;
    case ["http-prediction", var service, var golden, var repeats]:
        await HttpPredictionTiming.RunAsync(new Uri(service), golden, int.Parse(repeats));
        return;
    case ["limiter-app", var url]:
        await BuiltInLimiterApp.RunAsync(url);
        return;
    case ["legit-latency", var service, var golden, var seconds, var clients, var interval, var prefix]:
        await LegitLatency.RunAsync(new Uri(service), golden, TimeSpan.FromSeconds(int.Parse(seconds)), int.Parse(clients), TimeSpan.FromMilliseconds(int.Parse(interval)), prefix);
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(RateDecisionBenchmarks).Assembly).Run(args);
