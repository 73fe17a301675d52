using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Gaze.Tests.RateLimiting;

/// <summary>
/// <c>RateLimiting:RepeatDenialsAtOnce</c>: of a denied client's repeats, the cache marks the first
/// ones of each second to be answered at once; the denial itself is the same either way.
/// </summary>
public sealed class RepeatDenialPaceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void The_first_repeats_of_each_second_are_answered_at_once(int atOnce)
    {
        var (cache, policy) = DeniedFor("203.0.113.7", atOnce, TimeSpan.FromMinutes(1));

        Assert.Equal([.. Enumerable.Repeat(true, atOnce), false, false], Repeats(cache, policy, "203.0.113.7", atOnce + 2));
        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal([false], Repeats(cache, policy, "203.0.113.7", 1));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([.. Enumerable.Repeat(true, atOnce), false], Repeats(cache, policy, "203.0.113.7", atOnce + 1));
    }

    [Fact]
    public void Each_client_has_its_own_repeats()
    {
        var (cache, policy) = DeniedFor("203.0.113.7", 1, TimeSpan.FromMinutes(1));
        Remember(cache, policy, "203.0.113.8", TimeSpan.FromMinutes(1));

        Assert.Equal([true, false], Repeats(cache, policy, "203.0.113.7", 2));
        Assert.Equal([true, false], Repeats(cache, policy, "203.0.113.8", 2));
    }

    [Fact]
    public void A_denial_that_ran_out_is_no_repeat()
    {
        var (cache, policy) = DeniedFor("203.0.113.7", 4, TimeSpan.FromSeconds(2));
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(cache.TryDenyRepeat("203.0.113.7", policy, out _, out var atOnce));
        Assert.False(atOnce);
    }

    private (RateDenialCache Cache, LimitedPolicy Policy) DeniedFor(string client, int atOnce, TimeSpan retryAfter)
    {
        var options = Options.Create(new RateLimitingOptions { RepeatDenialsAtOnce = atOnce });
        var catalog = new RatePolicyCatalog(options);
        var policy = catalog.Limited(RatePolicyNames.Calibration);
        var cache = new RateDenialCache(options, catalog, _clock);
        Remember(cache, policy, client, retryAfter);
        return (cache, policy);
    }

    private void Remember(RateDenialCache cache, LimitedPolicy policy, string client, TimeSpan retryAfter) =>
        cache.Remember(client, policy, cache.Begin(client), new RateLimitDenial(policy.Policy.Rules[0], _clock.GetUtcNow(), retryAfter));

    private static bool[] Repeats(RateDenialCache cache, LimitedPolicy policy, string client, int count) =>
        [.. Enumerable.Range(0, count).Select(repeat => cache.TryDenyRepeat(client, policy, out _, out var atOnce) ? atOnce : throw new InvalidOperationException("The client is no longer denied."))];
}
