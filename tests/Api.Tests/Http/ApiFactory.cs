using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Gaze.Tests.Http;

/// <summary>
/// The real API (co-hosted silo, SQLite storage in a temporary file) in a test server, with a
/// fake grain clock and a way to choose the TCP peer address of each request.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    /// <summary>Request header the test server turns into the connection's remote address.</summary>
    public const string PeerHeader = "X-Test-Peer";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-api-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Extra settings, applied over appsettings.json.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:Sqlite:DataSource", Path.Combine(_directory, "gaze.db"));
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString());
        builder.UseSetting("Orleans:ClusterId", "test-" + Guid.NewGuid().ToString("N"));
        // A busy test machine (several test assemblies share two cores) must not turn a slow
        // decision into the failure policy; the failure-policy tests set their own timeout.
        builder.UseSetting("RateLimiting:DecisionTimeout", "00:00:10");
        // Repeated denials wait on the fake clock; tests that do not test that wait answer at once.
        builder.UseSetting("RateLimiting:RepeatDenialDelay", "00:00:00");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Grains (rate windows, their write-behind timer) and the node's denial cache follow the fake clock; ASP.NET Core,
            // HTTP resilience and Orleans' own loops keep real time.
            services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Clock);
            // The node's denial cache measures time on the same clock as the grains it caches.
            services.AddKeyedSingleton<TimeProvider>(Gaze.Api.RateLimiting.RateDenialCache.ClockKey, Clock);
            services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
            ConfigureTestServices(services);
        });
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string peer, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(PeerHeader, peer);
        return request;
    }

    /// <summary>The fewest permits <paramref name="peer"/> has left among the rules of <paramref name="policy"/>, from the status route.</summary>
    public async Task<int> PermitsLeftAsync(HttpClient client, string peer, string policy = "calib")
    {
        using var response = await client.SendAsync(Request(HttpMethod.Get, "/api/ratelimit/status", peer));
        var policies = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("policies");
        return policies.EnumerateArray().Single(p => p.GetProperty("name").GetString() == policy).GetProperty("limits").EnumerateArray()
            .Min(limit => limit.GetProperty("remaining").GetInt32());
    }

    public Task AdvanceAsync(TimeSpan by) => Task.Run(() => Clock.Advance(by)).WaitAsync(TimeSpan.FromSeconds(30));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or still held by a host that is shutting down: it is a temporary folder.
        }
    }

    /// <summary>The in-memory test server has no sockets; this stands in for the TCP peer.</summary>
    private sealed class TestPeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>
/// One API host (with its silo) for every test class that needs no settings of its own. Tests in
/// it use their own peer addresses and calibration ids, so they do not share limits or records.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
