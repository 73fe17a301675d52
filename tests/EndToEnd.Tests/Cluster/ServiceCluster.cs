using Gaze.Tests.Http;
using Gaze.Tests.Processes;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Silos and API nodes as separate processes on one Redis-protocol server, configured the way the
/// README's cluster commands configure them, on free loopback ports and with ids of their own.
/// </summary>
public sealed class ServiceCluster : IAsyncDisposable
{
    private ServiceCluster(IReadOnlyDictionary<string, string> settings, IReadOnlyList<ServiceProcess> silos, IReadOnlyList<ServiceProcess> apiNodes)
    {
        Settings = settings;
        Silos = silos;
        ApiNodes = apiNodes;
    }

    /// <summary>What every process of the cluster was started with (Redis, ids, membership, limits).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Standalone silos (none when the API nodes co-host them).</summary>
    public IReadOnlyList<ServiceProcess> Silos { get; }

    public IReadOnlyList<ServiceProcess> ApiNodes { get; }

    /// <summary>
    /// Starts <paramref name="silos"/> silos, then <paramref name="apiNodes"/> API nodes in
    /// <paramref name="role"/> (<c>client</c> or <c>cohosted</c>), all with <paramref name="settings"/>.
    /// </summary>
    public static async Task<ServiceCluster> StartAsync(IRedisBackend redis, int silos, int apiNodes, string role, IReadOnlyDictionary<string, string> settings)
    {
        var shared = new Dictionary<string, string>(settings)
        {
            ["Orleans:ClusteringProvider"] = "redis",
            ["Storage:Provider"] = "redis",
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N"),
            ["Orleans:ServiceId"] = "gaze-test-" + Guid.NewGuid().ToString("N"),
            // Measurements run the same tests with each directory (docs/benchmarks.md).
            ["Orleans:DirectoryProvider"] = Environment.GetEnvironmentVariable("GAZE_TEST_DIRECTORY") is { Length: > 0 } directory ? directory : "in-cluster",
            // A killed silo is voted out within about 2 s instead of Orleans' default of about 15.
            ["Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
        };
        var siloProcesses = Enumerable.Range(0, silos).Select(_ => ServiceProcess.Silo(WithOwnPorts(shared))).ToArray();
        var apiProcesses = Enumerable.Range(0, apiNodes)
            .Select(_ => ServiceProcess.Api(FreePort.Next(), role == "client"
                ? new Dictionary<string, string>(shared) { ["Orleans:Role"] = "client" }
                : WithOwnPorts(new Dictionary<string, string>(shared) { ["Orleans:Role"] = "cohosted" })))
            .ToArray();
        var cluster = new ServiceCluster(shared, siloProcesses, apiProcesses);
        try
        {
            await Task.WhenAll(siloProcesses.Select(silo => silo.StartAsync()));
            await Task.WhenAll(apiProcesses.Select(api => api.StartAsync()));
            // Every silo in the membership view before the first request, so no test meets a cluster still forming.
            await using var observer = await ClusterObserver.ConnectAsync(cluster);
            await observer.WaitForSilosAsync(silos > 0 ? silos : apiNodes);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>One HTTP client per API node.</summary>
    public HttpClient[] Clients() =>
        [.. ApiNodes.Select(api => new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })];

    /// <summary>The last lines every process printed, for a failure message.</summary>
    public string Describe() => string.Join("\n", Silos.Concat(ApiNodes).Select(process =>
        $"--- {process.Name}:\n{string.Join("\n", process.Output.Split('\n').TakeLast(30))}"));

    /// <summary>Kills every process, each on its own, so one that is slow to die does not keep the others alive.</summary>
    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        foreach (var process in ApiNodes.Concat(Silos))
        {
            try
            {
                await process.DisposeAsync();
            }
            catch (Exception exception)
            {
                errors.Add(exception);
            }
        }

        if (errors.Count > 0)
        {
            throw new AggregateException("Stopping the cluster's processes failed.", errors);
        }
    }

    private static Dictionary<string, string> WithOwnPorts(Dictionary<string, string> settings) => new(settings)
    {
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
    };
}
