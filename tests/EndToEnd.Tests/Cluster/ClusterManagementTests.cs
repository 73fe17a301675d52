using System.Net;
using System.Text.Json;
using Gaze.Tests.Http;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Cluster;

/// <summary>
/// The management listener of a standalone silo and of an API node that is a client of the
/// cluster: ready with every check, dashboard and reports on both, and the API node not ready
/// once the cluster's only silo is gone.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterManagementTests
{
    [Fact]
    public async Task Silo_and_client_node_serve_readiness_dashboard_metrics_and_reports_and_readiness_follows_the_cluster()
    {
        await using var redis = await RedisBackends.StartAsync(RedisBackends.Garnet);
        await using var cluster = await ServiceCluster.StartAsync(redis, silos: 1, apiNodes: 1, role: "client", ClusterSettings.RateLimits);
        using var api = cluster.Clients()[0];
        var (silo, node) = (cluster.Silos[0], cluster.ApiNodes[0]);
        using var siloManagement = new HttpClient { BaseAddress = silo.ManagementAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var nodeManagement = new HttpClient { BaseAddress = node.ManagementAddress, Timeout = TimeSpan.FromSeconds(30) };

        await AssertReadyAsync(siloManagement, cluster);
        await AssertReadyAsync(nodeManagement, cluster);
        foreach (var management in new[] { siloManagement, nodeManagement })
        {
            using var dashboard = await management.GetAsync("/dashboard/");
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.Contains("orleans_", await management.GetStringAsync("/metrics"));
        }

        var id = "cluster-report-" + Guid.NewGuid().ToString("N");
        using (var calibration = await api.PostAsync("/api/session/calib_validation", CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent()))
        {
            Assert.Equal(HttpStatusCode.OK, calibration.StatusCode);
        }

        foreach (var management in new[] { siloManagement, nodeManagement })
        {
            using var report = await management.GetAsync($"/calibrations/{id}");
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            Assert.Contains("<g class=\"target\"", await report.Content.ReadAsStringAsync());
        }

        await silo.KillAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement checks;
        while (true)
        {
            using var ready = await nodeManagement.GetAsync("/health/ready");
            checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").Clone();
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "The API node still reported ready 60 s after its only silo was killed.\n" + cluster.Describe());
            await Task.Delay(250);
        }

        Assert.NotEqual("Healthy", checks.GetProperty("cluster").GetProperty("status").GetString());
    }

    private static async Task AssertReadyAsync(HttpClient management, ServiceCluster cluster)
    {
        using var ready = await management.GetAsync("/health/ready");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == HttpStatusCode.OK, $"{management.BaseAddress}: {body}\n{cluster.Describe()}");
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        foreach (var check in new[] { "orleans", "storage", "cluster" })
        {
            Assert.Equal("Healthy", checks.GetProperty(check).GetProperty("status").GetString());
        }
    }
}
