using System.Net;

namespace Gaze.Tests.Cluster;

/// <summary>
/// One client key, many nodes: every API node asks the same rate grain, so a limit is exact however
/// many nodes serve it. Requests carry no body, so an admitted one is answered 400 (the missing fields) and a denied one 429.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRateLimitTests
{
    private const int Rounds = 3;

    /// <summary>Every backend, with 2 API clients of 2 silos and with 2 API nodes that co-host the silos.</summary>
    public static TheoryData<string, string> Topologies()
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in RedisBackends.Available())
        {
            data.Add(backend, "client");
            data.Add(backend, "cohosted");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Topologies))]
    public async Task Two_api_nodes_admit_exactly_the_limit_in_every_window(string backend, string role)
    {
        await using var redis = await RedisBackends.StartAsync(backend);
        await using var cluster = await ServiceCluster.StartAsync(redis, silos: role == "client" ? 2 : 0, apiNodes: 2, role, ClusterSettings.RateLimits);
        await AssertExactAdmissionsAsync(cluster);
    }

    [RedisServerFact]
    public void Redis_server_is_installed_for_the_cluster_tests() => Assert.True(RedisServerBackend.IsAvailable);

    private static async Task AssertExactAdmissionsAsync(ServiceCluster cluster)
    {
        var clients = cluster.Clients();
        for (var round = 0; round < Rounds; round++)
        {
            // Spread over both nodes, all at once: the same loopback client key on every node.
            var statuses = await ClusterRequests.RoundAsync(clients);

            var admitted = statuses.Count(status => status == HttpStatusCode.BadRequest);
            var denied = statuses.Count(status => status == HttpStatusCode.TooManyRequests);
            Assert.True(admitted == ClusterSettings.Permits && denied == ClusterRequests.Concurrent - ClusterSettings.Permits,
                $"Round {round}: {admitted} admitted, {denied} denied, others: {string.Join(", ", statuses.Where(s => s is not HttpStatusCode.BadRequest and not HttpStatusCode.TooManyRequests))}\n{cluster.Describe()}");

            // Every admission of this round lies before now: one window later all have left it.
            await Task.Delay(ClusterSettings.Window + TimeSpan.FromMilliseconds(250));
        }
    }
}
