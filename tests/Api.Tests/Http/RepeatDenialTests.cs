using System.Net;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>The service with repeated denials held back for 2 s of its (fake) clock.</summary>
public sealed class RepeatDenialApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("RateLimiting:RepeatDenialDelay", "00:00:02")];
}

/// <summary>
/// A client that asks again before its <c>Retry-After</c> is answered by the node's denial cache:
/// the same 429 the grain would give at that moment, sent only after the repeat-denial delay.
/// </summary>
public sealed class RepeatDenialTests(RepeatDenialApiFactory api) : IClassFixture<RepeatDenialApiFactory>
{
    private const string Calibration = "/api/session/calib_validation";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_client_that_ignores_retry_after_gets_the_grains_429_after_the_delay()
    {
        var peer = $"198.18.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await _client.SendAsync(api.Request(HttpMethod.Post, Calibration, peer));
            Assert.Equal(HttpStatusCode.BadRequest, admitted.StatusCode);
        }

        // The first denial comes from the grain, at once.
        using var first = await _client.SendAsync(api.Request(HttpMethod.Post, Calibration, peer));
        await IsProblemAsync(first, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", Header(first, "Retry-After"));

        // The repeat waits on the clock: with the clock stopped it cannot be answered.
        var repeat = _client.SendAsync(api.Request(HttpMethod.Post, Calibration, peer));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(repeat.IsCompleted, "A repeated denial was answered before its delay.");

        await api.AdvanceAsync(TimeSpan.FromSeconds(2));
        using var held = await repeat.WaitAsync(TimeSpan.FromSeconds(30));
        var problem = await IsProblemAsync(held, HttpStatusCode.TooManyRequests);

        // What the grain says 2 s after the first denial: the same limit, 2 s less to wait.
        Assert.Equal("58", Header(held, "Retry-After"));
        Assert.Equal("\"calib\";r=0;t=58", Header(held, "RateLimit"));
        Assert.Equal(Header(first, "RateLimit-Policy"), Header(held, "RateLimit-Policy"));
        Assert.Equal(Header(first, "X-RateLimit-Reset"), Header(held, "X-RateLimit-Reset"));
        Assert.Equal("0", Header(held, "X-RateLimit-Remaining"));
        Assert.Equal("Rate limit exceeded: 10 per 1 minute on /api/session/calib_validation. Retry in 58 s.", problem.GetProperty("detail").GetString());
        Assert.Equal(58, problem.GetProperty("retry_after").GetInt64());
    }
}
