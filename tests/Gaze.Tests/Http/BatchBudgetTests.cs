using System.Net;
using System.Text.Json.Nodes;
using Gaze.Grains.Interfaces;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>Holds every prediction grain call until released, so a batch outlives its budget on purpose.</summary>
public sealed class HoldPredictions : IIncomingGrainCallFilter
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType == typeof(IPredictionGrain))
        {
            await Release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await context.Invoke();
    }
}

public sealed class ShortBudgetApiFactory : ApiFactory
{
    public HoldPredictions Hold { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Prediction:TimeBudget", "00:00:00.100")];

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<IIncomingGrainCallFilter>(Hold);
}

public sealed class BatchBudgetTests(ShortBudgetApiFactory api) : IClassFixture<ShortBudgetApiFactory>
{
    [Fact]
    public async Task A_batch_that_outlives_its_budget_is_503()
    {
        var body = new JsonObject
        {
            ["fixed_points"] = BatchBody.FixedPoints(UpstreamGazeTrackerTests.FixtureSamples()),
            ["calib_points"] = new JsonArray(),
            ["iris_tracking_data"] = BatchBody.Samples(BatchBody.FixtureSession),
            ["screen_width"] = 1000,
            ["screen_height"] = 600,
        };

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
