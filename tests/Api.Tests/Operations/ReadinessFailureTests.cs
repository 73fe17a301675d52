using System.Net;
using System.Text.Json;
using Gaze.Grains.Storage;
using Gaze.Management.Listeners;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Http;

/// <summary>A node whose storage is gone is not ready, and says which check failed.</summary>
public sealed class ReadinessFailureTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task Readiness_is_503_naming_the_storage_when_the_database_file_is_gone()
    {
        using var management = api.CreateManagementClient(TimeSpan.FromSeconds(60));
        using (var ready = await management.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        var file = Path.GetFullPath(api.Services.GetRequiredService<IOptions<SqliteGrainStorageOptions>>().Value.DataSource);
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        using var response = await management.GetAsync("/health/ready");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var report = JsonDocument.Parse(body);
        Assert.Equal("Unhealthy", report.RootElement.GetProperty("status").GetString());
        var checks = report.RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("storage").GetProperty("status").GetString());
        Assert.Contains(file, checks.GetProperty("storage").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("orleans").GetProperty("status").GetString());
    }
}

public sealed class ManagementOffFactory : KestrelApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Management:Urls", "")];
}

/// <summary>An empty <c>Management:Urls</c> turns the management listener off.</summary>
public sealed class ManagementOffTests(ManagementOffFactory api) : IClassFixture<ManagementOffFactory>
{
    [Fact]
    public async Task Without_a_management_listener_only_the_public_one_is_bound_and_management_paths_stay_404()
    {
        using var client = api.CreateKestrelClient(TimeSpan.FromSeconds(60));
        Assert.Empty(api.Services.GetRequiredService<ListenerPlan>().ManagementAddresses);
        using var health = await client.GetAsync("/api/session/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var metrics = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, metrics.StatusCode);
    }
}

public sealed class DashboardOffFactory : KestrelApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Management:Dashboard", "false")];
}

/// <summary><c>Management:Dashboard=false</c> leaves the dashboard out and every other management endpoint in.</summary>
public sealed class DashboardOffTests(DashboardOffFactory api) : IClassFixture<DashboardOffFactory>
{
    [Fact]
    public async Task Without_the_dashboard_its_path_is_404_and_readiness_and_metrics_still_answer()
    {
        using var management = api.CreateManagementClient(TimeSpan.FromSeconds(60));
        using var dashboard = await management.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        using var ready = await management.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var metrics = await management.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }
}
