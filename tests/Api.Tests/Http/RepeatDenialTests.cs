using System.Net;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>The service with repeated denials beyond two a second held back for 2 s of its (fake) clock.</summary>
public sealed class RepeatDenialApiFactory : ApiFactory
{
    public const int AtOnce = 2;

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("RateLimiting:RepeatDenialDelay", "00:00:02"), new("RateLimiting:RepeatDenialsAtOnce", $"{AtOnce}")];
}

/// <summary>
/// A client that asks again before its <c>Retry-After</c> is answered by the node's denial cache:
/// the same 429 the grain would give at that moment, at once for its first repeats of a second and
/// after the repeat-denial delay for the rest.
/// </summary>
public sealed class RepeatDenialTests(RepeatDenialApiFactory api) : IClassFixture<RepeatDenialApiFactory>
{
    private const string Calibration = "/api/session/calib_validation";

    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task A_client_that_ignores_retry_after_gets_the_grains_429_at_once_for_its_first_repeats_of_a_second_then_after_the_delay()
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

        // The first repeats of the second are answered at once, with the clock stopped.
        for (var i = 0; i < RepeatDenialApiFactory.AtOnce; i++)
        {
            using var atOnce = await _client.SendAsync(api.Request(HttpMethod.Post, Calibration, peer)).WaitAsync(TimeSpan.FromSeconds(30));
            await IsProblemAsync(atOnce, HttpStatusCode.TooManyRequests);
            Assert.Equal("60", Header(atOnce, "Retry-After"));
        }

        // The next one waits on the clock: with the clock stopped it cannot be answered.
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

        // A new second: a repeat is answered at once again.
        using var later = await _client.SendAsync(api.Request(HttpMethod.Post, Calibration, peer)).WaitAsync(TimeSpan.FromSeconds(30));
        await IsProblemAsync(later, HttpStatusCode.TooManyRequests);
        Assert.Equal("58", Header(later, "Retry-After"));
    }
}
