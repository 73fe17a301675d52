using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

[Collection(ApiCollection.Name)]
public sealed class HttpBehaviourTests(ApiFactory api)
{
    private readonly HttpClient _client = api.CreateClient();

    [Fact]
    public async Task Unknown_path_is_a_404_problem()
    {
        using var response = await _client.GetAsync("/api/session/nothing-here");
        var problem = await IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/session/nothing-here", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem_with_allow_and_is_not_counted()
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Get, "/api/session/calib_validation", "192.0.2.40"));
        var problem = await IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Equal("POST", Header(response, "Allow"));
        Assert.Contains("GET", problem.GetProperty("detail").GetString());
        Assert.False(response.Headers.Contains("RateLimit"));
    }

    [Fact]
    public async Task Cors_preflight_and_responses_echo_the_origin()
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/session/calib_validation");
        preflight.Headers.Add("Origin", "https://front.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type,x-custom");
        using var answer = await _client.SendAsync(preflight);
        Assert.True(answer.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.OK);
        Assert.Equal("https://front.example", Header(answer, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(answer, "Access-Control-Allow-Methods"));
        Assert.Contains("x-custom", Header(answer, "Access-Control-Allow-Headers"));

        var get = api.Request(HttpMethod.Post, "/api/session/calib_validation", "192.0.2.41");
        get.Headers.Add("Origin", "http://localhost:8080");
        using var response = await _client.SendAsync(get);
        Assert.Equal("http://localhost:8080", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("Origin", Header(response, "Vary"));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"));
        Assert.Contains("X-Calibration-Model", Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task A_form_field_of_four_mebibytes_is_accepted()
    {
        // About 30,000 samples: a JSON array of valid sample objects just over 4 MiB.
        var sample = "{\"left_iris_x\":312.471,\"left_iris_y\":240.125,\"right_iris_x\":250.862,\"right_iris_y\":241.337,\"point_x\":682.5,\"point_y\":100}";
        var big = "[" + string.Join(",", Enumerable.Repeat(sample, 4 * 1024 * 1024 / sample.Length + 1)) + "]";
        Assert.True(big.Length > 4 * 1024 * 1024);
        using var form = new MultipartFormDataContent { { new StringContent(big), "fixed_circle_iris_points" } };
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "192.0.2.42", form));
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("fixed_circle_iris_points", problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }
}

public sealed class TinyBodyApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Api:MaxRequestBodyBytes", "1024")];
}

public sealed class BodyLimitTests(TinyBodyApiFactory api) : IClassFixture<TinyBodyApiFactory>
{
    [Fact]
    public async Task A_body_over_the_configured_limit_is_a_413_problem()
    {
        using var form = new FormUrlEncodedContent([new("fixed_circle_iris_points", new string('1', 4096))]);
        using var response = await api.CreateClient().SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "192.0.2.43", form));
        await IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }
}

public sealed class StartupValidationTests
{
    private sealed class MisconfiguredApiFactory(string key, string value) : ApiFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(key, value)];
    }

    [Theory]
    [InlineData("RateLimiting:Endpoints:calib", "10 per fortnight")]
    [InlineData("RateLimiting:DefaultLimits", "fifty per hour")]
    [InlineData("RateLimiting:Strategy", "token-bucket")]
    [InlineData("RateLimiting:FailurePolicy", "maybe")]
    [InlineData("RateLimiting:TrustedProxies:0", "proxy.example")]
    [InlineData("RateLimiting:DecisionTimeout", "00:00:00")]
    [InlineData("RateLimiting:RepeatDenialsAtOnce", "-1")]
    [InlineData("Api:MlConcurrency", "0")]
    [InlineData("Api:AllowedOrigins:0", "lab.example.org")]
    [InlineData("Calibration:TimeBudget", "-00:00:01")]
    [InlineData("Calibration:Grids:Ridge Regression:alpha:0", "lots")]
    [InlineData("Calibration:Grids:Ridge Regresion:alpha:0", "1")]
    [InlineData("Prediction:CacheEntries", "0")]
    [InlineData("Storage:Sqlite:Synchronous", "OFF")]
    [InlineData("Orleans:SiloPort", "70000")]
    [InlineData("Webhook:BaseUrl", "receiver without scheme")]
    public void A_malformed_setting_stops_the_start_naming_it(string key, string value)
    {
        Assert.Contains(key.Split(':')[0] + ":" + key.Split(':')[1], StartupFailure.MessagesOf(() => new MisconfiguredApiFactory(key, value)));
    }
}
