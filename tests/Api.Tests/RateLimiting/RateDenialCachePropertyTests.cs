using CsCheck;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gaze.Tests.RateLimiting;

/// <summary>
/// The denial cache keeps the limit exact: over random traffic of two clients on two policies that
/// share their default limit, with refunds, through the real <see cref="RateLimitGate"/>, every
/// answer the node gives from its cache is the one the client's grain would have given at that
/// moment (CsCheck; a failure prints the shrunk case and the seed that replays it).
/// </summary>
public sealed class RateDenialCachePropertyTests
{
    private const int Iterations = 200;
    private static readonly string[] Clients = ["198.51.100.1", "198.51.100.2"];

    /// <summary>Own limits of two policies and their shared default limit, each 1-4 permits per 1-20 s, one strategy.</summary>
    private static readonly Gen<RateLimitingOptions> Limits = Gen.Select(
        Gen.Enum<RateStrategy>(), Gen.Select(Gen.Int[1, 4], Gen.Int[1, 20]).Array[3],
        (strategy, limits) => new RateLimitingOptions
        {
            Strategy = strategy,
            DefaultLimits = $"{limits[0].Item1} per {limits[0].Item2} seconds",
            Endpoints = new(StringComparer.OrdinalIgnoreCase)
            {
                [RatePolicyNames.Calibration] = $"{limits[1].Item1} per {limits[1].Item2} seconds",
                [RatePolicyNames.BatchPrediction] = $"{limits[2].Item1} per {limits[2].Item2} seconds",
            },
        });

    /// <summary>A request of one client on one policy after a pause (often none), or, now and then, a refund of an earlier admission.</summary>
    private static readonly Gen<Step[]> Steps = Gen.Select(
        Gen.OneOf(Gen.Const(0), Gen.Int[0, 1_500], Gen.Int[0, 25_000]), Gen.Int[0, 1], Gen.Int[0, 1], Gen.Int[0, 9],
        (pause, client, policy, kind) => new Step(TimeSpan.FromMilliseconds(pause), client, policy, Refund: kind == 0)).Array[1, 120];

    private sealed record Step(TimeSpan Pause, int Client, int Policy, bool Refund);

    [Fact]
    public void Every_cached_answer_is_what_the_grain_would_have_said() => Gen.Select(Limits, Steps).Sample((limits, steps) =>
    {
        var run = new Run(limits, TimeSpan.Zero);
        foreach (var step in steps)
        {
            run.Play(step, (decidedByCache, answer, truth) =>
            {
                Assert.Equal(truth.Allowed, answer.Admitted is not null);
                if (answer.Denial is { } denial)
                {
                    Assert.Equal(RateLimitDenial.From(truth), denial);
                    // The headers of a denial assume the violated rule has no permit left.
                    Assert.Equal(0, truth.Usages.Single(usage => usage.Rule == truth.Violated).Remaining);
                    Assert.Equal(Fields(run.Policy(step), truth), Fields(run.Policy(step), denial));
                }
            });
        }
    }, iter: Iterations);

    [Fact]
    public void With_slow_grain_calls_a_cached_denial_ends_early_never_late() => Gen.Select(Limits, Steps, Gen.Int[1, 50]).Sample((limits, steps, latencyMs) =>
    {
        var latency = TimeSpan.FromMilliseconds(latencyMs);
        var run = new Run(limits, latency);
        foreach (var step in steps)
        {
            run.Play(step, (decidedByCache, answer, truth) =>
            {
                if (decidedByCache)
                {
                    // Denied only while the grain denies too, and told to wait no longer than it says.
                    Assert.False(truth.Allowed);
                    Assert.InRange(answer.Denial!.Value.RetryAfter, truth.RetryAfter - latency, truth.RetryAfter);
                }
            });
        }
    }, iter: Iterations);

    [Fact]
    public void A_hammering_client_is_answered_from_the_cache_until_it_may_retry()
    {
        var run = new Run(new RateLimitingOptions(), TimeSpan.Zero);
        var hammer = new Step(TimeSpan.FromMilliseconds(100), Client: 0, Policy: 0, Refund: false);
        for (var i = 0; i < 10; i++)
        {
            run.Play(hammer with { Pause = TimeSpan.Zero }, (_, answer, _) => Assert.NotNull(answer.Admitted));
        }

        var grainCalls = run.Grains.Calls;
        var cached = 0;
        for (var i = 0; i < 599; i++)
        {
            run.Play(hammer, (decidedByCache, answer, _) => cached += decidedByCache ? 1 : 0);
        }

        // The first denial asks the grain; the next 598 (until the minute is over) do not.
        Assert.Equal(598, cached);
        Assert.Equal(grainCalls + 1, run.Grains.Calls);
        run.Play(hammer, (decidedByCache, answer, _) => Assert.NotNull(answer.Admitted));
    }

    private static Dictionary<string, string> Fields(LimitedPolicy policy, RateDecision decision)
    {
        var headers = new HeaderDictionary();
        RateLimitHeaders.Write(headers, policy, decision);
        return headers.ToDictionary(header => header.Key, header => header.Value.ToString());
    }

    private static Dictionary<string, string> Fields(LimitedPolicy policy, RateLimitDenial denial)
    {
        var headers = new HeaderDictionary();
        RateLimitHeaders.WriteDenied(headers, policy, denial);
        return headers.ToDictionary(header => header.Key, header => header.Value.ToString());
    }

    /// <summary>One node's gate and cache in front of ledger grains, all on one fake clock.</summary>
    private sealed class Run
    {
        private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        private readonly RateLimitGate _gate;
        private readonly LimitedPolicy[] _policies;
        private readonly List<RateLimitAdmission> _admissions = [];

        public Run(RateLimitingOptions limits, TimeSpan latency)
        {
            // Repeats answered at once: the hold-back waits on the clock, which only the steps move.
            limits.RepeatDenialDelay = TimeSpan.Zero;
            var options = Options.Create(limits);
            var catalog = new RatePolicyCatalog(options);
            _policies = [catalog.Limited(RatePolicyNames.Calibration), catalog.Limited(RatePolicyNames.BatchPrediction)];
            Grains = new LedgerGrains(_clock) { Latency = latency };
            var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
            _gate = new RateLimitGate(Grains.Factory, new RateDenialCache(options, catalog, _clock), options, new RateLimitMetrics(meters), _clock, NullLogger<RateLimitGate>.Instance);
        }

        public LedgerGrains Grains { get; }

        public LimitedPolicy Policy(Step step) => _policies[step.Policy];

        /// <summary>Plays the step and, for a request, hands <paramref name="check"/> whether the cache answered, the answer, and the grain's truth at that moment.</summary>
        public void Play(Step step, Action<bool, RateVerdict, RateDecision> check)
        {
            _clock.Advance(step.Pause);
            var client = Clients[step.Client];
            if (step.Refund && _admissions.FirstOrDefault(admission => admission.ClientKey == client) is { } admission)
            {
                _admissions.Remove(admission);
                _gate.RefundAsync(admission).GetAwaiter().GetResult();
                return;
            }

            var policy = Policy(step);
            var truth = Grains.WouldDecide(client, policy.Policy);
            var calls = Grains.Calls;
            var answer = _gate.AcquireAsync(client, policy, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            var decidedByCache = Grains.Calls == calls;
            if (answer.Admitted is { } admitted)
            {
                _admissions.Add(new RateLimitAdmission(client, policy, admitted.Now));
            }

            check(decidedByCache, answer, truth);
        }
    }
}
