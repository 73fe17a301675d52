using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces.RateLimiting;
using Gaze.Grains.RateLimiting;
using Microsoft.AspNetCore.Http;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.RateLimiting;

public sealed class RateLimitHeadersTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Admitted_request_reports_every_rule_and_the_most_restrictive_remaining()
    {
        var policy = Of("calib", RateStrategy.MovingWindow, Rule("calib", 10, TimeSpan.FromMinutes(1)), Rule("hour", 50, TimeSpan.FromHours(1)));
        var state = new RateState();
        RateLedger.Decide(state, policy, T0, consume: true);
        var decision = RateLedger.Decide(state, policy, T0.AddSeconds(18), consume: true);
        var headers = new HeaderDictionary();

        RateLimitHeaders.Write(headers, new LimitedPolicy(policy, slot: 0), decision);

        Assert.Equal("\"calib\";q=10;w=60, \"hour\";q=50;w=3600", headers["RateLimit-Policy"]);
        Assert.Equal("\"calib\";r=8;t=42", headers["RateLimit"]);
        Assert.Equal("10", headers["X-RateLimit-Limit"]);
        Assert.Equal("8", headers["X-RateLimit-Remaining"]);
        Assert.Equal("1800000060", headers["X-RateLimit-Reset"]);
        Assert.False(headers.ContainsKey("Retry-After"));
    }

    [Fact]
    public void Denied_request_reports_the_violated_rule_and_a_rounded_up_retry_after()
    {
        var policy = Of("calib", RateStrategy.MovingWindow, Rule("calib", 1, TimeSpan.FromMinutes(1)), Rule("hour", 50, TimeSpan.FromHours(1)));
        var state = new RateState();
        RateLedger.Decide(state, policy, T0, consume: true);
        var decision = RateLedger.Decide(state, policy, T0.AddSeconds(17.5), consume: true);
        var headers = new HeaderDictionary();

        RateLimitHeaders.Write(headers, new LimitedPolicy(policy, slot: 0), decision);

        Assert.Equal("43", headers["Retry-After"]);
        Assert.Equal("\"calib\";r=0;t=43", headers["RateLimit"]);
        Assert.Equal("1800000060", headers["X-RateLimit-Reset"]);
    }
}
