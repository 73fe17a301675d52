using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Gaze.Benchmarks.RateDecisionBenchmarks).Assembly).Run(args);
