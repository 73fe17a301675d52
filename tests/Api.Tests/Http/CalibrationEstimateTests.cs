using System.Net;
using Gaze.Calibration;
using Gaze.Models;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>Two ML threads and a 5 s calibration budget, whatever the machine, so the estimates are the same everywhere.</summary>
public sealed class FiveSecondCalibrationApiFactory : ApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Calibration:TimeBudget", "00:00:05"), new("Ml:Threads", "2")];
}

/// <summary>A calibration that its estimate says cannot finish within the budget is refused before any work.</summary>
public sealed class CalibrationEstimateTests(FiveSecondCalibrationApiFactory api) : IClassFixture<FiveSecondCalibrationApiFactory>
{
    [Fact]
    public async Task A_calibration_estimated_over_its_budget_is_a_503_at_once_and_stores_nothing()
    {
        var id = "too-long-" + Guid.NewGuid().ToString("N");
        using var client = api.CreateClient();

        // SVR on 9 x 90 samples: about 14 s of two ML threads, far beyond 5 s.
        using var response = await client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.93.0.1",
            CalibrationForm.FromSamples(Grid(9, 90), id, k: 9, model: ModelRegistry.SupportVectorRegressor).ToContent())).WaitAsync(TimeSpan.FromSeconds(4));

        var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal("over-time-budget", problem.GetProperty("type").GetString()!.Split('/')[^1]);
        Assert.InRange(problem.GetProperty("estimated_seconds").GetDouble(), 5.0, 120.0);
        Assert.Contains("Support Vector Regressor on 810 samples", problem.GetProperty("detail").GetString());
        Assert.Contains("nothing was stored", problem.GetProperty("detail").GetString());
        // Nothing else runs, so retrying would not help: no Retry-After.
        Assert.False(response.Headers.Contains("Retry-After"));

        using var batch = await client.SendAsync(api.Request(HttpMethod.Post, "/api/session/batch_predict", "10.93.0.2",
            BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession))));
        await IsProblemAsync(batch, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_calibration_estimated_within_its_budget_runs()
    {
        using var response = await api.CreateClient().SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", "10.93.0.3",
            CalibrationForm.FromSamples(Grid(9, 90), "quick-" + Guid.NewGuid().ToString("N"), k: 9, model: ModelRegistry.RidgeRegression).ToContent()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary><paramref name="targets"/> targets on a 3-wide grid, each with <paramref name="perTarget"/> slightly different iris positions.</summary>
    private static CalibrationSample[] Grid(int targets, int perTarget) =>
    [
        .. Enumerable.Range(0, targets).SelectMany(t => Enumerable.Range(0, perTarget).Select(j =>
        {
            var (px, py) = (100 + (400 * (t % 3)), 100 + (200 * (t / 3)));
            var jitter = ((j % 9) - 4) * 0.001;
            return new CalibrationSample(0.3 + (t % 3 * 0.1) + jitter, 0.4 + (t / 3 * 0.1) - jitter, 0.6 + (t % 3 * 0.1) + jitter, 0.4 + (t / 3 * 0.1) + jitter, px, py);
        })),
    ];
}
