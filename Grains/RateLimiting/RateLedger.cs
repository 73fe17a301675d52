using System.Collections.Immutable;
using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Grains.RateLimiting;

/// <summary>
/// The decision logic of one client's limits over its <see cref="RateState"/>: plain code with the
/// clock passed in, so the window maths is tested without a silo.
/// </summary>
public static class RateLedger
{
    /// <summary>
    /// Checks all rules of <paramref name="policy"/> at <paramref name="now"/>. When every rule has a
    /// permit left and <paramref name="consume"/> is set, takes one permit from each; otherwise
    /// changes nothing.
    /// </summary>
    public static RateDecision Decide(RateState state, RatePolicy policy, DateTimeOffset now, bool consume)
    {
        var ticks = MonotonicTicks(state, now);
        var windows = new RateWindow[policy.Rules.Length];
        var allowed = true;
        var admitsAt = ticks;
        RateLimitRule? violated = null;
        for (var i = 0; i < policy.Rules.Length; i++)
        {
            var rule = policy.Rules[i];
            windows[i] = WindowFor(state, rule, policy.Strategy);
            var readyAt = CounterFor(windows[i]).AdmitsAgainAt(windows[i], rule.Permits, ticks);
            if (readyAt > ticks)
            {
                allowed = false;
                if (readyAt > admitsAt)
                {
                    admitsAt = readyAt;
                    violated = rule;
                }
            }
        }

        if (allowed && consume)
        {
            foreach (var window in windows)
            {
                CounterFor(window).Add(window, ticks);
            }
        }

        var usages = ImmutableArray.CreateBuilder<RateLimitUsage>(policy.Rules.Length);
        for (var i = 0; i < policy.Rules.Length; i++)
        {
            var rule = policy.Rules[i];
            var counter = CounterFor(windows[i]);
            var remaining = Math.Max(0, rule.Permits - counter.Count(windows[i], ticks));
            usages.Add(new RateLimitUsage(rule, remaining, AsTime(counter.ResetAt(windows[i], ticks))));
        }

        DropEmpty(state, windows, policy);
        var at = AsTime(ticks);
        return new RateDecision(allowed, usages.MoveToImmutable(), at, AsTime(admitsAt) - at, violated);
    }

    /// <summary>
    /// Takes back the admission that <paramref name="policy"/> made at <paramref name="admittedAt"/>
    /// (its decision's <see cref="RateDecision.Now"/>) from every rule's window still holding it, for
    /// a request that was admitted but then not served. True if anything changed. A moving window is
    /// then as if the request had never been admitted; a fixed window keeps its start (it counts its
    /// admissions rather than listing them), so its later windows may lie differently than they would have.
    /// </summary>
    public static bool Refund(RateState state, RatePolicy policy, DateTimeOffset admittedAt, DateTimeOffset now)
    {
        var ticks = MonotonicTicks(state, now);
        var changed = false;
        foreach (var rule in policy.Rules)
        {
            if (state.Windows.TryGetValue(rule.Bucket, out var window) && CounterFor(window).Remove(window, admittedAt.UtcTicks, ticks))
            {
                changed = true;
                if (CounterFor(window).Prune(window, ticks))
                {
                    state.Windows.Remove(rule.Bucket);
                }
            }
        }

        return changed;
    }

    /// <summary>Removes every window whose admissions have all expired; true if anything was removed.</summary>
    public static bool Prune(RateState state, DateTimeOffset now)
    {
        var ticks = MonotonicTicks(state, now);
        var removed = 0;
        foreach (var (bucket, window) in state.Windows)
        {
            if (CounterFor(window).Prune(window, ticks) && state.Windows.Remove(bucket))
            {
                removed++;
            }
        }

        return removed > 0;
    }

    private static IWindowCounter CounterFor(RateWindow window) => window.Strategy switch
    {
        RateStrategy.FixedWindow => FixedWindowCounter.Instance,
        _ => MovingWindowCounter.Instance,
    };

    private static RateWindow WindowFor(RateState state, RateLimitRule rule, RateStrategy strategy)
    {
        if (!state.Windows.TryGetValue(rule.Bucket, out var window))
        {
            window = new RateWindow { WindowTicks = rule.Window.Ticks, Strategy = strategy };
            state.Windows[rule.Bucket] = window;
        }

        // A rule whose window length changed in configuration keeps its history under the new length.
        window.WindowTicks = rule.Window.Ticks;
        return window;
    }

    // Windows created only to evaluate a rule, and never used, are not kept.
    private static void DropEmpty(RateState state, RateWindow[] windows, RatePolicy policy)
    {
        for (var i = 0; i < windows.Length; i++)
        {
            if (CounterFor(windows[i]).Prune(windows[i], state.LastSeenTicks))
            {
                state.Windows.Remove(policy.Rules[i].Bucket);
            }
        }
    }

    private static long MonotonicTicks(RateState state, DateTimeOffset now)
    {
        state.LastSeenTicks = Math.Max(state.LastSeenTicks, now.UtcTicks);
        return state.LastSeenTicks;
    }

    private static DateTimeOffset AsTime(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
