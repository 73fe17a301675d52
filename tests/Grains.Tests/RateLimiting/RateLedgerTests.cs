using Gaze.Grains.Interfaces.RateLimiting;
using Gaze.Grains.RateLimiting;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.RateLimiting;

/// <summary>Window maths of <see cref="RateLedger"/>, driven by explicit clock readings.</summary>
public sealed class RateLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly RateState _state = new();

    private RateDecision Acquire(RatePolicy policy, DateTimeOffset at) => RateLedger.Decide(_state, policy, at, consume: true);

    private int AdmittedOf(RatePolicy policy, DateTimeOffset at, int attempts) =>
        Enumerable.Range(0, attempts).Count(_ => Acquire(policy, at).Allowed);

    [Fact]
    public void Moving_window_admits_exactly_N_then_denies()
    {
        var policy = Moving(10, Minute);
        for (var i = 0; i < 10; i++)
        {
            var decision = Acquire(policy, T0.AddSeconds(i));
            Assert.True(decision.Allowed);
            Assert.Equal(9 - i, decision.Usages[0].Remaining);
        }

        var denied = Acquire(policy, T0.AddSeconds(9.5));
        Assert.False(denied.Allowed);
        Assert.Equal(0, denied.Usages[0].Remaining);
        Assert.Equal(TimeSpan.FromSeconds(50.5), denied.RetryAfter);
        Assert.Equal(policy.Rules[0], denied.Violated);
    }

    [Fact]
    public void Moving_window_has_no_double_burst_at_a_window_edge()
    {
        var policy = Moving(10, Minute);
        Assert.True(Acquire(policy, T0).Allowed);
        Assert.Equal(9, AdmittedOf(policy, T0.AddSeconds(59), 9));

        // One minute after the first hit only that hit has left the window.
        Assert.Equal(1, AdmittedOf(policy, T0.AddSeconds(60), 10));
        Assert.Equal(9, AdmittedOf(policy, T0.AddSeconds(119), 10));
    }

    [Fact]
    public void Fixed_window_restarts_at_its_end_and_allows_the_burst_flask_limiter_allows()
    {
        var policy = Fixed(10, Minute);
        Assert.True(Acquire(policy, T0).Allowed);
        Assert.Equal(9, AdmittedOf(policy, T0.AddSeconds(59), 10));

        Assert.Equal(10, AdmittedOf(policy, T0.AddSeconds(60), 12));
        var denied = Acquire(policy, T0.AddSeconds(61));
        Assert.False(denied.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(59), denied.RetryAfter);
    }

    [Fact]
    public void Moving_window_boundary_is_half_open()
    {
        var policy = Moving(1, Minute);
        Assert.True(Acquire(policy, T0).Allowed);
        Assert.False(Acquire(policy, T0 + Minute - TimeSpan.FromTicks(1)).Allowed);
        Assert.True(Acquire(policy, T0 + Minute).Allowed);
    }

    [Theory]
    [InlineData(RateStrategy.MovingWindow, 0.25)]
    [InlineData(RateStrategy.MovingWindow, 17.999)]
    [InlineData(RateStrategy.FixedWindow, 0.25)]
    [InlineData(RateStrategy.FixedWindow, 42)]
    public void Retry_after_is_exact_admitted_at_it_denied_one_second_earlier(RateStrategy strategy, double secondsIntoWindow)
    {
        var policy = Of("p", strategy, Rule("p", 3, Minute));
        Assert.Equal(3, AdmittedOf(policy, T0, 3));
        var deniedAt = T0.AddSeconds(secondsIntoWindow);
        var denied = Acquire(policy, deniedAt);
        Assert.False(denied.Allowed);

        var retryAfter = denied.RetryAfterSeconds;
        Assert.Equal((long)Math.Ceiling(60 - secondsIntoWindow), retryAfter);
        Assert.False(Acquire(policy, deniedAt.AddSeconds(retryAfter - 1)).Allowed);
        Assert.True(Acquire(policy, deniedAt.AddSeconds(retryAfter)).Allowed);
    }

    [Fact]
    public void Retry_after_waits_for_the_latest_of_several_violated_rules()
    {
        var policy = Of("p", RateStrategy.MovingWindow, Rule("minute", 2, Minute), Rule("hour", 3, TimeSpan.FromHours(1)));
        Assert.Equal(2, AdmittedOf(policy, T0, 2));
        Assert.True(Acquire(policy, T0.AddMinutes(2)).Allowed);

        var denied = Acquire(policy, T0.AddMinutes(2).AddSeconds(1));
        Assert.False(denied.Allowed);
        Assert.Equal("hour", denied.Violated?.Name);
        Assert.Equal(TimeSpan.FromMinutes(58) - TimeSpan.FromSeconds(1), denied.RetryAfter);
    }

    [Fact]
    public void All_rules_are_consumed_together_and_a_denied_request_consumes_nothing()
    {
        var hour = Rule("hour", 3, TimeSpan.FromHours(1), bucket: "default:3600s");
        var calib = Of("calib", RateStrategy.MovingWindow, Rule("calib", 2, Minute), hour);
        var batch = Of("batch", RateStrategy.MovingWindow, Rule("batch", 5, Minute), hour);

        Assert.Equal(2, AdmittedOf(calib, T0, 2));
        var deniedByCalib = Acquire(calib, T0);
        Assert.False(deniedByCalib.Allowed);
        Assert.Equal(1, deniedByCalib.Usages[1].Remaining); // the shared hour was not touched

        Assert.True(Acquire(batch, T0).Allowed);
        var deniedByHour = Acquire(batch, T0);
        Assert.False(deniedByHour.Allowed);
        Assert.Equal("hour", deniedByHour.Violated?.Name);
        Assert.Equal(4, deniedByHour.Usages[0].Remaining); // batch's own minute was not touched
    }

    [Fact]
    public void Denied_requests_do_not_push_the_retry_time_back()
    {
        var policy = Moving(2, Minute);
        Assert.Equal(2, AdmittedOf(policy, T0, 2));
        for (var second = 1; second < 60; second++)
        {
            Assert.False(Acquire(policy, T0.AddSeconds(second)).Allowed);
        }

        Assert.Equal(2, AdmittedOf(policy, T0.AddSeconds(60), 5));
    }

    [Fact]
    public void Peeking_consumes_nothing()
    {
        var policy = Moving(1, Minute);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(RateLedger.Decide(_state, policy, T0, consume: false).Allowed);
        }

        Assert.True(Acquire(policy, T0).Allowed);
        Assert.False(RateLedger.Decide(_state, policy, T0, consume: false).Allowed);
    }

    [Fact]
    public void A_clock_stepping_back_does_not_reopen_the_window()
    {
        var policy = Moving(1, Minute);
        Assert.True(Acquire(policy, T0).Allowed);
        Assert.False(Acquire(policy, T0.AddHours(-1)).Allowed);
        Assert.True(Acquire(policy, T0 + Minute).Allowed);
    }

    [Fact]
    public void Reset_is_when_the_oldest_hit_leaves_a_moving_window()
    {
        var policy = Moving(5, Minute);
        Acquire(policy, T0);
        var second = Acquire(policy, T0.AddSeconds(10));
        Assert.Equal(T0 + Minute, second.Usages[0].ResetAt);
        Assert.Equal(T0.AddSeconds(10), second.Now);
    }

    [Fact]
    public void Prune_drops_expired_windows_only()
    {
        var minute = Of("m", RateStrategy.MovingWindow, Rule("m", 5, Minute));
        var day = Of("d", RateStrategy.MovingWindow, Rule("d", 5, TimeSpan.FromDays(1)));
        Acquire(minute, T0);
        Acquire(day, T0);
        Assert.Equal(2, _state.Windows.Count);

        Assert.False(RateLedger.Prune(_state, T0.AddSeconds(59)));
        Assert.True(RateLedger.Prune(_state, T0 + Minute));
        Assert.Equal(["d:86400s"], _state.Windows.Keys);
    }

    [Theory]
    [InlineData(RateStrategy.MovingWindow)]
    [InlineData(RateStrategy.FixedWindow)]
    public void A_refund_gives_back_the_permit_of_that_admission_in_every_rule(RateStrategy strategy)
    {
        var policy = Of("refund", strategy, Rule("minute", 2, Minute), Rule("hour", 3, TimeSpan.FromHours(1)));
        Assert.True(Acquire(policy, T0).Allowed);
        var refunded = Acquire(policy, T0.AddSeconds(1));
        Assert.False(Acquire(policy, T0.AddSeconds(2)).Allowed);

        Assert.True(RateLedger.Refund(_state, policy, refunded.Now, T0.AddSeconds(3)));

        var again = Acquire(policy, T0.AddSeconds(4));
        Assert.True(again.Allowed);
        Assert.Equal([0, 1], again.Usages.Select(u => u.Remaining));
        Assert.False(Acquire(policy, T0.AddSeconds(5)).Allowed);
    }

    [Theory]
    [InlineData(RateStrategy.MovingWindow)]
    [InlineData(RateStrategy.FixedWindow)]
    public void A_refund_after_its_window_ended_changes_nothing(RateStrategy strategy)
    {
        var policy = Of("late-refund", strategy, Rule("minute", 1, Minute));
        var admitted = Acquire(policy, T0);
        Assert.True(Acquire(policy, T0 + Minute).Allowed);

        Assert.False(RateLedger.Refund(_state, policy, admitted.Now, T0 + Minute + TimeSpan.FromSeconds(1)));
        Assert.False(Acquire(policy, T0 + Minute + TimeSpan.FromSeconds(2)).Allowed);
    }
}
