using System.Net;
using Gaze.Grains.Interfaces;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

public sealed class ShortBudgetApiFactory : ApiFactory
{
    public HoldGrainCalls Hold { get; } = new(typeof(IPredictionGrain));

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Prediction:TimeBudget", "00:00:00.100")];

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Hold);
}

public sealed class BatchBudgetTests(ShortBudgetApiFactory api) : IClassFixture<ShortBudgetApiFactory>
{
    [Fact]
    public async Task A_batch_that_outlives_its_budget_is_503()
    {
        var body = BatchBody.Stateless(UpstreamFixture.Samples(), [], BatchBody.FixtureSession);

        try
        {
            using var response = await api.CreateClient().SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", "192.0.2.160", BatchBody.Json(body)))
                .WaitAsync(TimeSpan.FromSeconds(30));

            var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.Contains("0.1 s", problem.GetProperty("detail").GetString());
        }
        finally
        {
            api.Hold.Release.TrySetResult();
        }
    }
}
