using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Hosting;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Gaze.Grains.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaze.Benchmarks;

/// <summary>
/// One rate-limit decision for one client with the default calibration policy (10/minute,
/// 50/hour, 200/day): through the co-hosted <see cref="IRateGrain"/>, and through an in-process
/// <see cref="PartitionedRateLimiter"/> chain of sliding windows over the same windows.
/// </summary>
/// <remarks>
/// <c>Admitted</c>: a client whose every call is admitted. The grain's clock moves 433 s per reading
/// (a client calling every ~7 minutes stays under all three limits, with ~200 hits live in the day
/// window); the in-process limiter cannot be given a clock, so its permits are raised instead.
/// <c>Denied</c>: a client over its limit, real time, the same limits for both.
/// </remarks>
[MemoryDiagnoser]
public class RateDecisionBenchmarks
{
    private readonly SteppingClock _clock = new();
    private BenchmarkSilo _silo = null!;
    private IRateGrain _grain = null!;
    private IPingGrain _ping = null!;
    private RateDenialCache _denials = null!;
    private LimitedPolicy _limited = null!;
    private RateDenialCache.Ticket _ticket;
    private RatePolicy _policy = null!;
    private PartitionedRateLimiter<string> _limiter = null!;
    private readonly RateState _ledgerState = new();

    [Params("Admitted", "Denied")]
    public string Outcome { get; set; } = "Admitted";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchmarkSilo.StartAsync(siloPort: 21111, gatewayPort: 40000,
            services => services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, _clock));

        var admitted = Outcome == "Admitted";
        _clock.Step = admitted ? TimeSpan.FromSeconds(433) : TimeSpan.Zero;
        _policy = new RatePolicyCatalog(Options.Create(new RateLimitingOptions())).Get(RatePolicyNames.Calibration);
        _grain = _silo.Grains.GetGrain<IRateGrain>($"bench-{Outcome}");
        _ping = _silo.Grains.GetGrain<IPingGrain>("ping");
        var options = Options.Create(new RateLimitingOptions());
        var catalog = new RatePolicyCatalog(options);
        _limited = catalog.Limited(RatePolicyNames.Calibration);
        _denials = new RateDenialCache(options, catalog, TimeProvider.System);
        _limiter = PartitionedRateLimiter.CreateChained([.. _policy.Rules.Select(rule => SlidingWindow(rule, admitted))]);

        // Reach the steady state being measured (activation done; over the limit for Denied).
        for (var i = 0; i < 300; i++)
        {
            await _grain.AcquireAsync(_policy);
            _limiter.AttemptAcquire("203.0.113.7").Dispose();
            RateLedger.Decide(_ledgerState, _policy, _clock.GetUtcNow(), consume: true);
            await _ping.PingAsync();
            await _ping.EchoAsync(_policy);
        }

        // A denial the node holds until the limit lets the client in again (a minute).
        var denied = new RateDecision(false, [], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), _policy.Rules[0]);
        _ticket = _denials.Begin("203.0.113.7");
        _denials.Remember("203.0.113.7", _limited, _ticket, RateLimitDenial.From(denied));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _limiter.Dispose();
        _denials.Dispose();
        await _silo.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "PartitionedRateLimiter (in-process)")]
    public bool InProcessLimiter()
    {
        using var lease = _limiter.AttemptAcquire("203.0.113.7");
        return lease.IsAcquired;
    }

    [Benchmark(Description = "RateGrain (co-hosted call)")]
    public async Task<bool> Grain() => (await _grain.AcquireAsync(_policy)).Allowed;

    /// <summary>An Orleans call to a co-hosted grain that does nothing: the floor of any grain decision.</summary>
    [Benchmark(Description = "Empty co-hosted grain call")]
    public async Task<int> Ping() => await _ping.PingAsync();

    /// <summary>The same call carrying the policy and a decision, deciding nothing: what arguments and answer add.</summary>
    [Benchmark(Description = "Grain call with policy and decision, no logic")]
    public async Task<bool> Echo() => (await _ping.EchoAsync(_policy)).Allowed;

    /// <summary>A repeated denial answered by the node's denial cache: no grain call at all.</summary>
    [Benchmark(Description = "RateDenialCache hit (repeated denial)")]
    public bool CachedDenial() => _denials.TryDeny("203.0.113.7", _limited, out _);

    /// <summary>The grain's decision logic alone, without the Orleans call: what the call itself costs.</summary>
    [Benchmark(Description = "RateLedger (grain logic, no call)")]
    public bool Ledger() => RateLedger.Decide(_ledgerState, _policy, _clock.GetUtcNow(), consume: true).Allowed;

    private static PartitionedRateLimiter<string> SlidingWindow(RateLimitRule rule, bool admitted) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = admitted ? int.MaxValue : rule.Permits,
            Window = rule.Window,
            SegmentsPerWindow = 60,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
