using System.Net;
using System.Text;
using System.Text.Json;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class RateLimitHttpTests(ApiFactory api)
{
    private const string Calibration = "/api/session/calib_validation";
    private const string Batch = "/api/session/batch_predict";

    private readonly HttpClient _client = api.CreateClient();

    private static string NewPeer() => $"203.0.{Random.Shared.Next(1, 255)}.{Random.Shared.Next(1, 255)}";

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string peer, HttpContent? content = null) =>
        _client.SendAsync(api.Request(method, path, peer, content));

    private Task<HttpResponseMessage> PostEmptyAsync(string path, string peer) => SendAsync(HttpMethod.Post, path, peer);

    [Fact]
    public async Task Three_hundred_health_requests_are_never_limited()
    {
        var peer = NewPeer();
        for (var i = 0; i < 300; i++)
        {
            using var response = await SendAsync(i % 10 == 0 ? HttpMethod.Head : HttpMethod.Get, "/api/session/health", peer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }

        using var last = await SendAsync(HttpMethod.Get, "/api/session/health", peer);
        // test_routes.py test_health_endpoint asserts the exact header, without a charset.
        Assert.Equal("application/json", last.Content.Headers.ContentType?.ToString());
        Assert.Equal("ok", JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ten_calibrations_pass_the_limiter_and_the_eleventh_is_429()
    {
        var peer = NewPeer();
        for (var i = 0; i < 10; i++)
        {
            using var admitted = await PostEmptyAsync(Calibration, peer);
            Assert.Equal(HttpStatusCode.BadRequest, admitted.StatusCode);
            Assert.Equal((9 - i).ToString(), Header(admitted, "X-RateLimit-Remaining"));
        }

        using var denied = await PostEmptyAsync(Calibration, peer);
        var problem = await IsProblemAsync(denied, HttpStatusCode.TooManyRequests);
        Assert.Equal("60", Header(denied, "Retry-After"));
        Assert.Equal("\"calib\";q=10;w=60, \"hour\";q=50;w=3600, \"day\";q=200;w=86400", Header(denied, "RateLimit-Policy"));
        Assert.Equal("\"calib\";r=0;t=60", Header(denied, "RateLimit"));
        Assert.Equal("10", Header(denied, "X-RateLimit-Limit"));
        Assert.Equal("0", Header(denied, "X-RateLimit-Remaining"));
        Assert.Equal((api.Clock.GetUtcNow().ToUnixTimeSeconds() + 60).ToString(), Header(denied, "X-RateLimit-Reset"));
        Assert.Equal("/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.Equal("Too Many Requests", problem.GetProperty("title").GetString());
        Assert.Equal("10 per 1 minute", problem.GetProperty("limit").GetString());
        Assert.Equal(60, problem.GetProperty("retry_after").GetInt64());
        Assert.Equal("Rate limit exceeded: 10 per 1 minute on /api/session/calib_validation. Retry in 60 s.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_invalid_calibration_is_counted_then_answered_with_400()
    {
        var peer = NewPeer();
        using var content = new FormUrlEncodedContent([new("k", "9")]);
        using var response = await SendAsync(HttpMethod.Post, Calibration, peer, content);
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("file_name", problem.GetProperty("detail").GetString());
        Assert.Equal("9", Header(response, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Thirty_batch_predictions_pass_and_the_thirty_first_is_429()
    {
        var peer = NewPeer();
        for (var i = 0; i < 30; i++)
        {
            using var body = new StringContent("{}", Encoding.UTF8, "application/json");
            using var admitted = await SendAsync(HttpMethod.Post, Batch, peer, body);
            Assert.Equal(HttpStatusCode.BadRequest, admitted.StatusCode);
        }

        using var denied = await PostEmptyAsync(Batch, peer);
        var problem = await IsProblemAsync(denied, HttpStatusCode.TooManyRequests);
        Assert.Equal("30 per 1 minute", problem.GetProperty("limit").GetString());
        Assert.Equal("\"batch\";r=0;t=60", Header(denied, "RateLimit"));
    }

    [Fact]
    public async Task The_fifty_first_limited_request_in_an_hour_is_429_across_both_endpoints()
    {
        var peer = NewPeer();
        var statuses = new List<HttpStatusCode>();
        // 10 + 30 in the first minute, 10 more in the second: 50 admissions, each within its own endpoint limit.
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await PostEmptyAsync(Calibration, peer)).StatusCode);
        }

        for (var i = 0; i < 30; i++)
        {
            statuses.Add((await PostEmptyAsync(Batch, peer)).StatusCode);
        }

        await api.AdvanceAsync(TimeSpan.FromSeconds(61));
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await PostEmptyAsync(Calibration, peer)).StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        using var denied = await PostEmptyAsync(Batch, peer);
        var problem = await IsProblemAsync(denied, HttpStatusCode.TooManyRequests);
        Assert.Equal("50 per 1 hour", problem.GetProperty("limit").GetString());
        Assert.Equal("3539", Header(denied, "Retry-After"));
        Assert.Equal("\"hour\";r=0;t=3539", Header(denied, "RateLimit"));
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored()
    {
        var peer = NewPeer();
        for (var i = 0; i < 10; i++)
        {
            var request = api.Request(HttpMethod.Post, Calibration, peer);
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            request.Headers.Add("Forwarded", $"for=198.51.100.{i + 100}");
            Assert.Equal(HttpStatusCode.BadRequest, (await _client.SendAsync(request)).StatusCode);
        }

        var eleventh = api.Request(HttpMethod.Post, Calibration, peer);
        eleventh.Headers.Add("X-Forwarded-For", "198.51.100.200");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await _client.SendAsync(eleventh)).StatusCode);

        var status = api.Request(HttpMethod.Get, "/api/ratelimit/status", peer);
        status.Headers.Add("X-Forwarded-For", "198.51.100.201");
        var report = JsonDocument.Parse(await (await _client.SendAsync(status)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(peer, report.GetProperty("client").GetString());
    }

    [Theory]
    [InlineData("X-Forwarded-For", "198.51.100.60, 198.51.100.61", "198.51.100.61")]
    [InlineData("Forwarded", "for=198.51.100.62;proto=http", "198.51.100.62")]
    [InlineData("Forwarded", "for=\"[2001:db8:cafe:1::17]:4711\"", "2001:db8:cafe:1::/64")]
    [InlineData("X-Forwarded-For", "::ffff:198.51.100.63", "198.51.100.63")]
    public async Task A_loopback_proxy_is_trusted_by_default(string header, string value, string client)
    {
        var request = api.Request(HttpMethod.Get, "/api/ratelimit/status", "127.0.0.1");
        request.Headers.TryAddWithoutValidation(header, value);
        var report = JsonDocument.Parse(await (await _client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(client, report.GetProperty("client").GetString());
    }

    [Fact]
    public async Task Status_is_exempt_and_shows_remaining_quota_and_resets()
    {
        var peer = NewPeer();
        await PostEmptyAsync(Calibration, peer);
        for (var i = 0; i < 20; i++)
        {
            using var status = await SendAsync(HttpMethod.Get, "/api/ratelimit/status", peer);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.False(status.Headers.Contains("RateLimit"));
        }

        using var response = await SendAsync(HttpMethod.Get, "/api/ratelimit/status", peer);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("moving-window", report.GetProperty("strategy").GetString());
        var calib = report.GetProperty("policies").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "calib");
        Assert.Equal(["/api/session/calib_validation"], calib.GetProperty("endpoints").EnumerateArray().Select(e => e.GetString()));
        var limits = calib.GetProperty("limits").EnumerateArray().ToArray();
        Assert.Equal(["10 per 1 minute", "50 per 1 hour", "200 per 1 day"], limits.Select(l => l.GetProperty("limit").GetString()));
        Assert.Equal([9, 49, 199], limits.Select(l => l.GetProperty("remaining").GetInt32()));
        Assert.Equal(api.Clock.GetUtcNow().ToUnixTimeSeconds() + 60, limits[0].GetProperty("reset").GetInt64());
    }
}
