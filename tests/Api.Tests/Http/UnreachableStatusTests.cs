using System.Net;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

public sealed class UnreachableRateGrainApiFactory : ApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter, LostSiloOnPeek>();

    /// <summary>Answers every limit peek as a silo lost during the call does.</summary>
    private sealed class LostSiloOnPeek : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod?.DeclaringType == typeof(IRateGrain) && context.InterfaceMethod.Name == nameof(IRateGrain.PeekAsync)
                ? throw new SiloUnavailableException("The silo holding this grain was lost.")
                : context.Invoke();
    }
}

public sealed class UnreachableStatusTests(UnreachableRateGrainApiFactory api) : IClassFixture<UnreachableRateGrainApiFactory>
{
    [Fact]
    public async Task Limit_status_with_its_grain_unreachable_is_a_503_with_retry_after()
    {
        using var response = await api.CreateClient().SendAsync(api.Request(HttpMethod.Get, "/api/ratelimit/status", "192.0.2.170"));

        var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("/problems/cluster-unavailable", problem.GetProperty("type").GetString());
        Assert.Equal("5", Header(response, "Retry-After"));
    }
}
