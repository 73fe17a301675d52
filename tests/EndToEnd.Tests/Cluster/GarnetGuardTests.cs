using StackExchange.Redis;

namespace Gaze.Tests.Cluster;

/// <summary>
/// What Orleans' Redis providers need of the server, checked on every backend the cluster tests use:
/// Lua scripts run at all, and a read-check-write script is atomic across connections, so exactly
/// one of several writers holding the same ETag wins. Garnet gives both only with <c>--lua</c> and
/// <c>--lua-transaction-mode</c>; without the second, several writers win now and then.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class GarnetGuardTests
{
    private const int Connections = 8;
    private const int Rounds = 200;

    // Orleans' storage, directory and membership scripts all have this shape.
    private const string CheckAndSet = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    public static TheoryData<string> Backends => RedisBackends.Available();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Scripts_run_and_exactly_one_writer_with_the_same_etag_wins(string backend)
    {
        await using var redis = await RedisBackends.StartAsync(backend);
        var connections = await Task.WhenAll(Enumerable.Range(0, Connections).Select(_ => ConnectionMultiplexer.ConnectAsync(redis.ConnectionString)));
        try
        {
            var prefix = "guard-" + Guid.NewGuid().ToString("N");
            for (var round = 0; round < Rounds; round++)
            {
                RedisKey key = $"{prefix}-{round}";
                await connections[0].GetDatabase().StringSetAsync(key, "etag-0");
                var results = await Task.WhenAll(connections.Select((connection, writer) =>
                    connection.GetDatabase().ScriptEvaluateAsync(CheckAndSet, [key], ["etag-0", $"etag-writer-{writer}"])));
                var winners = results.Count(result => (int)result == 1);
                Assert.True(winners == 1, $"Round {round}: {winners} writers won with the same ETag.");
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
