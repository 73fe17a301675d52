using System.Diagnostics;
using Gaze.Api.RateLimiting;
using Gaze.Grains;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Gaze.Benchmarks;

/// <summary>
/// Grain calls per second from 32 concurrent callers in the silo's own process, without HTTP: what
/// the co-hosted silo can decide at most, and what a first call of a client (a new activation)
/// costs against a call to an active grain. Clients are taken in turn: 320 keys stay active; with
/// two million keys every call activates a grain.
/// </summary>
/// <remarks>
/// Rows: the empty <see cref="IPingGrain"/> call; a rate decision with limits no client reaches
/// (fixed windows, so the state stays a few counters), with the rate windows in SQLite as the
/// service keeps them and with a storage that keeps nothing, which tells the storage's share of
/// an activation.
/// </remarks>
public static class GrainThroughput
{
    private const int Callers = 32;
    private const int ActiveKeys = 320;
    private const int NewKeys = 2_000_000;

    public static async Task RunAsync(TimeSpan duration)
    {
        Console.WriteLine($"| calls ({Callers} callers, {duration.TotalSeconds:F0} s each) | active grains (calls/s, µs per call) | a new activation per call (calls/s, µs per call) |");
        Console.WriteLine("|---|---:|---:|");
        await RowAsync("empty call (PingGrain)", duration, storage: null, (grains, _, key) => grains.GetGrain<IPingGrain>(key).PingAsync().AsTask());
        await RowAsync("rate decision, windows in SQLite", duration, storage: null, Decide);
        await RowAsync("rate decision, a storage that keeps nothing", duration, new DiscardingStorage(), Decide);
    }

    private static Task Decide(IGrainFactory grains, RatePolicy policy, string key) => grains.GetGrain<IRateGrain>(key).AcquireAsync(policy).AsTask();

    private static async Task RowAsync(string name, TimeSpan duration, IGrainStorage? storage, Func<IGrainFactory, RatePolicy, string, Task> call)
    {
        await using var silo = await BenchmarkSilo.StartAsync(siloPort: 21311, gatewayPort: 40200, silo: builder =>
        {
            if (storage is not null)
            {
                builder.Services.AddKeyedSingleton(StorageNames.Rates, storage);
            }
        });
        var policy = UnreachablePolicy();
        var active = await CallsPerSecondAsync(silo.Grains, policy, call, ActiveKeys, "a", duration);
        var fresh = await CallsPerSecondAsync(silo.Grains, policy, call, NewKeys, "n", duration);
        Console.WriteLine($"| {name} | {active:N0} ({1e6 / active:F1}) | {fresh:N0} ({1e6 / fresh:F1}) |");
    }

    private static RatePolicy UnreachablePolicy()
    {
        var options = new RateLimitingOptions { Strategy = RateStrategy.FixedWindow, DefaultLimits = "1000000000 per hour" };
        options.Endpoints[RatePolicyNames.Calibration] = "1000000000 per minute";
        return new RatePolicyCatalog(Options.Create(options)).Get(RatePolicyNames.Calibration);
    }

    // A warm-up of the same length first (activations, tiered code), then the measured run.
    private static async Task<double> CallsPerSecondAsync(IGrainFactory grains, RatePolicy policy, Func<IGrainFactory, RatePolicy, string, Task> call, int keys, string prefix, TimeSpan duration)
    {
        var next = 0L;
        long calls = 0;
        async Task CallerAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                await call(grains, policy, prefix + (Interlocked.Increment(ref next) % keys));
                Interlocked.Increment(ref calls);
            }
        }

        async Task RunForAsync(TimeSpan length)
        {
            using var stop = new CancellationTokenSource(length);
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => CallerAsync(stop.Token))));
        }

        await RunForAsync(duration);
        Interlocked.Exchange(ref calls, 0);
        var clock = Stopwatch.StartNew();
        await RunForAsync(duration);
        return calls / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Reads every state as new and writes nothing: the cost of an activation without its storage.</summary>
    private sealed class DiscardingStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle)
        {
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            grainState.State = Activator.CreateInstance<T>();
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Task.CompletedTask;
    }
}
