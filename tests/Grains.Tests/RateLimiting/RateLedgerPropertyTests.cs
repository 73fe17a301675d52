using CsCheck;
using Gaze.Grains.Interfaces.RateLimiting;
using Gaze.Grains.RateLimiting;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.RateLimiting;

/// <summary>
/// Properties of <see cref="RateLedger"/> over random request times, policies and strategies
/// (CsCheck; a failure prints the shrunk case and the seed that replays it).
/// </summary>
public sealed class RateLedgerPropertyTests
{
    private const int Iterations = 300;
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>1-3 rules of 1-6 permits per 1-120 s, one strategy for all.</summary>
    private static readonly Gen<RatePolicy> Policy = Gen.Select(
        Gen.Enum<RateStrategy>(),
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 120]).Array[1, 3],
        (strategy, rules) => Of("p", strategy, [.. rules.Select((rule, i) => Rule($"r{i}", rule.Item1, TimeSpan.FromSeconds(rule.Item2)))]));

    /// <summary>Up to 80 request times, from bursts (gaps of 0-2 s, often equal times) to sparse traffic (gaps of up to 130 s).</summary>
    private static readonly Gen<DateTimeOffset[]> Times =
        Gen.OneOf(Gen.Int[0, 2_000], Gen.Int[0, 130_000]).Array[1, 80].Select(gaps =>
        {
            var at = T0;
            return gaps.Select(gap => at = at.AddMilliseconds(gap)).ToArray();
        });

    private static readonly Gen<(RatePolicy Policy, DateTimeOffset[] Times)> Traffic = Gen.Select(Policy, Times);

    private static RateDecision[] Run(RatePolicy policy, IEnumerable<DateTimeOffset> times)
    {
        var state = new RateState();
        return [.. times.Select(at => RateLedger.Decide(state, policy, at, consume: true))];
    }

    [Fact]
    public void Admissions_never_exceed_any_rule_in_any_window() => Traffic.Sample((policy, times) =>
    {
        var decisions = Run(policy, times);
        var admitted = times.Where((_, i) => decisions[i].Allowed).ToArray();
        foreach (var rule in policy.Rules)
        {
            var most = policy.Strategy == RateStrategy.FixedWindow ? MostInFixedWindow(admitted, rule.Window) : MostInMovingWindow(admitted, rule.Window);
            Assert.True(most <= rule.Permits, $"{most} admissions in one {rule.Window} window of rule '{rule.Text}'");
        }
    }, iter: Iterations);

    [Fact]
    public void A_denied_request_consumes_nothing() => Traffic.Sample((policy, times) =>
    {
        // The admitted requests alone get the same decisions as with the denied ones among them.
        var decisions = Run(policy, times);
        var admittedOnly = Run(policy, times.Where((_, i) => decisions[i].Allowed));
        var admittedWithDenials = decisions.Where(d => d.Allowed).ToArray();
        Assert.Equal(admittedWithDenials.Length, admittedOnly.Length);
        for (var i = 0; i < admittedOnly.Length; i++)
        {
            Assert.True(admittedOnly[i].Allowed);
            Assert.Equal(admittedWithDenials[i].Usages.AsEnumerable(), admittedOnly[i].Usages.AsEnumerable());
        }
    }, iter: Iterations);

    [Fact]
    public void Every_retry_after_is_exact() => Traffic.Sample((policy, times) =>
    {
        var decisions = Run(policy, times);
        for (var i = 0; i < times.Length; i++)
        {
            if (decisions[i].Allowed)
            {
                continue;
            }

            var denied = decisions[i];
            var wholeSeconds = TimeSpan.FromSeconds(denied.RetryAfterSeconds);
            Assert.True(WouldAdmit(policy, times, i, denied.Now + denied.RetryAfter), $"request {i}: not admitted after its exact retry-after {denied.RetryAfter}");
            Assert.False(WouldAdmit(policy, times, i, denied.Now + denied.RetryAfter - TimeSpan.FromTicks(1)), $"request {i}: admitted a tick before its retry-after {denied.RetryAfter}");
            Assert.True(WouldAdmit(policy, times, i, denied.Now + wholeSeconds), $"request {i}: not admitted after Retry-After: {denied.RetryAfterSeconds}");
            Assert.False(WouldAdmit(policy, times, i, denied.Now + wholeSeconds - TimeSpan.FromSeconds(1)), $"request {i}: admitted a second before Retry-After: {denied.RetryAfterSeconds}");
        }
    }, iter: Iterations);

    [Fact]
    public void A_refund_gives_back_one_permit_of_each_window_still_holding_it() => Gen.Select(Traffic, Gen.Int[0, 79]).Sample((traffic, pick) =>
    {
        var (policy, times) = traffic;
        var state = new RateState();
        var decisions = times.Select(at => RateLedger.Decide(state, policy, at, consume: true)).ToArray();
        var admitted = Enumerable.Range(0, times.Length).Where(i => decisions[i].Allowed).ToArray();
        var refunded = decisions[admitted[pick % admitted.Length]].Now;
        var now = times[^1];
        var before = RateLedger.Decide(state, policy, now, consume: false).Usages;

        RateLedger.Refund(state, policy, refunded, now);

        var after = RateLedger.Decide(state, policy, now, consume: false).Usages;
        for (var r = 0; r < policy.Rules.Length; r++)
        {
            var window = policy.Rules[r].Window;
            var open = before[r].Remaining < policy.Rules[r].Permits;
            var held = policy.Strategy == RateStrategy.FixedWindow
                ? open && refunded >= before[r].ResetAt - window
                : refunded > now - window;
            Assert.Equal(before[r].Remaining + (held ? 1 : 0), after[r].Remaining);
        }
    }, iter: Iterations);

    [Fact]
    public void A_refund_in_a_moving_window_is_as_if_the_request_was_never_admitted() => Gen.Select(Traffic, Gen.Int[0, 79]).Sample((traffic, pick) =>
    {
        var policy = traffic.Policy with { Strategy = RateStrategy.MovingWindow };
        var times = traffic.Times;
        var state = new RateState();
        var decisions = times.Select(at => RateLedger.Decide(state, policy, at, consume: true)).ToArray();
        var admitted = Enumerable.Range(0, times.Length).Where(i => decisions[i].Allowed).ToArray();
        var refunded = admitted[pick % admitted.Length];

        RateLedger.Refund(state, policy, decisions[refunded].Now, times[^1]);

        var never = new RateState();
        foreach (var i in admitted.Where(i => i != refunded))
        {
            Assert.True(RateLedger.Decide(never, policy, times[i], consume: true).Allowed);
        }

        var later = times[^1] + TimeSpan.FromMilliseconds(1);
        Assert.Equal(RateLedger.Decide(never, policy, later, consume: false).Usages.AsEnumerable(), RateLedger.Decide(state, policy, later, consume: false).Usages.AsEnumerable());
    }, iter: Iterations);

    /// <summary>Whether a request at <paramref name="at"/> would be admitted after the first <paramref name="upTo"/> + 1 requests.</summary>
    private static bool WouldAdmit(RatePolicy policy, DateTimeOffset[] times, int upTo, DateTimeOffset at)
    {
        var state = new RateState();
        foreach (var time in times.Take(upTo + 1))
        {
            RateLedger.Decide(state, policy, time, consume: true);
        }

        return RateLedger.Decide(state, policy, at, consume: false).Allowed;
    }

    /// <summary>Most admissions in any window (t - W, t] that ends at an admission.</summary>
    private static int MostInMovingWindow(DateTimeOffset[] admitted, TimeSpan window) =>
        admitted.Length == 0 ? 0 : admitted.Max(end => admitted.Count(t => t > end - window && t <= end));

    /// <summary>
    /// Most admissions in one fixed window, the windows laid out as flask-limiter lays them: each opens
    /// at the first admission after the previous one ended and lasts W.
    /// </summary>
    private static int MostInFixedWindow(DateTimeOffset[] admitted, TimeSpan window)
    {
        var most = 0;
        for (var start = 0; start < admitted.Length;)
        {
            var end = admitted[start] + window;
            var next = start;
            while (next < admitted.Length && admitted[next] < end)
            {
                next++;
            }

            most = Math.Max(most, next - start);
            start = next;
        }

        return most;
    }
}
