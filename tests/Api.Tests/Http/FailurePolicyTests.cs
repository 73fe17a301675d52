using System.Net;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>Makes every <see cref="IRateGrain"/> call fail or hang, as a broken or overloaded limiter would.</summary>
public sealed class BrokenLimiterFilter(bool hang) : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IRateGrain) && context.InterfaceMethod.Name == nameof(IRateGrain.AcquireAsync))
        {
            if (hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            throw new InvalidOperationException("Injected limiter failure.");
        }

        await context.Invoke();
    }
}

public sealed class FailOpenApiFactory : ApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IIncomingGrainCallFilter>(new BrokenLimiterFilter(hang: false));
}

public sealed class FailClosedApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("RateLimiting:FailurePolicy", "closed"), new("RateLimiting:DecisionTimeout", "00:00:00.200")];

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<IIncomingGrainCallFilter>(new BrokenLimiterFilter(hang: true));
}

public sealed class FailOpenTests(FailOpenApiFactory api) : IClassFixture<FailOpenApiFactory>
{
    [Fact]
    public async Task A_failing_limiter_admits_requests_when_open()
    {
        var client = api.CreateClient();
        for (var i = 0; i < 12; i++)
        {
            using var response = await client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "192.0.2.5"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit"));
        }
    }
}

public sealed class FailClosedTests(FailClosedApiFactory api) : IClassFixture<FailClosedApiFactory>
{
    [Fact]
    public async Task A_limiter_that_does_not_answer_in_time_gives_503_when_closed()
    {
        var client = api.CreateClient();
        using var response = await client.SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", "192.0.2.6"));
        var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("1", Header(response, "Retry-After"));
        Assert.Equal(1, problem.GetProperty("retry_after").GetInt32());

        using var health = await client.SendAsync(api.Request(HttpMethod.Get, "/api/session/health", "192.0.2.6"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
