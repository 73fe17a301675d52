using System.Diagnostics;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Gaze.Benchmarks;

/// <summary>
/// What one active client key costs in memory: an in-process silo with the service's grains and
/// SQLite storage, <c>keys</c> clients decided once each (the calibration policy: three windows,
/// one admission in each), the GC heap after a full compacting collection, before and after, and
/// again once the grains are collected. Prints one markdown table row per stage.
/// </summary>
public static class KeyMemory
{
    public static async Task RunAsync(int keys)
    {
        await using var silo = await BenchmarkSilo.StartAsync(siloPort: 21211, gatewayPort: 40100);
        var grains = silo.Grains;
        var management = grains.GetGrain<IManagementGrain>(0);
        var policy = new RatePolicyCatalog(Options.Create(new RateLimitingOptions())).Get(RatePolicyNames.Calibration);

        // Warm every code path (activation, decision, write-behind, collection) before measuring.
        await DecideAsync(grains, policy, "warm", 1_000);
        await CollectGrainsAsync(management);
        var baseline = Measure("baseline (warm, no client active)", keys: 0, before: null);

        var watch = Stopwatch.StartNew();
        await DecideAsync(grains, policy, "key", keys);
        Console.Error.WriteLine($"{keys} keys activated and decided in {watch.Elapsed.TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(3)); // the write-behind flushes every second
        Measure($"{keys:N0} keys active", keys, baseline);
        Console.Error.WriteLine($"{await management.GetTotalActivationCount()} activations");
        if (Environment.GetEnvironmentVariable("GAZE_KEYMEM_PAUSE") is { } pause)
        {
            // Time to take a heap dump of the process (dotnet-gcdump collect -p <pid>).
            Console.Error.WriteLine($"pid {Environment.ProcessId}: pausing {pause} s");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(pause)));
        }

        await CollectGrainsAsync(management);
        Measure("after their grains are collected", keys, baseline);
    }

    private static async Task DecideAsync(IGrainFactory grains, Grains.Interfaces.RateLimiting.RatePolicy policy, string prefix, int keys)
    {
        const int concurrency = 64;
        for (var start = 0; start < keys; start += concurrency)
        {
            await Task.WhenAll(Enumerable.Range(start, Math.Min(concurrency, keys - start))
                .Select(i => grains.GetGrain<IRateGrain>($"{prefix}-{i}").AcquireAsync(policy).AsTask()));
        }
    }

    private static async Task CollectGrainsAsync(IManagementGrain management)
    {
        await management.ForceActivationCollection(TimeSpan.Zero);
        for (var i = 0; i < 100 && await management.GetTotalActivationCount() > 10; i++)
        {
            await Task.Delay(100);
        }
    }

    private static (long Heap, long Rss) Measure(string stage, int keys, (long Heap, long Rss)? before)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var rss = process.WorkingSet64;
        var perKey = before is { } b && keys > 0 ? $"{(heap - b.Heap) / (double)keys:N0} B" : "";
        var rssPerKey = before is { } c && keys > 0 ? $"{(rss - c.Rss) / (double)keys:N0} B" : "";
        Console.WriteLine($"| {stage} | {heap / 1048576.0:N1} MiB | {perKey} | {rss / 1048576.0:N1} MiB | {rssPerKey} |");
        return (heap, rss);
    }
}
