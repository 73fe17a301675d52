namespace Gaze.Tests.Cluster;

/// <summary>A Redis-protocol server on loopback that the cluster under test keeps its membership and state in.</summary>
public interface IRedisBackend : IAsyncDisposable
{
    /// <summary>What the silos and API nodes get as <c>ConnectionStrings:Redis</c>.</summary>
    string ConnectionString { get; }
}

/// <summary>The Redis servers the cluster tests run against.</summary>
public static class RedisBackends
{
    public const string Garnet = "garnet";

    public const string RedisServer = "redis-server";

    /// <summary>
    /// Where <c>.ci/run</c> passes the address of the redis-server it started; the redis-server
    /// cases then run against it instead of starting one of their own.
    /// </summary>
    public const string ExternalServerVariable = "GAZE_TEST_REDIS";

    /// <summary>Garnet always (NuGet, in process); redis-server where it is installed or passed in.</summary>
    public static TheoryData<string> Available()
    {
        var data = new TheoryData<string> { Garnet };
        if (RedisServerBackend.IsAvailable || External is not null)
        {
            data.Add(RedisServer);
        }

        return data;
    }

    private static string? External => Environment.GetEnvironmentVariable(ExternalServerVariable) is { Length: > 0 } address ? address : null;

    public static async Task<IRedisBackend> StartAsync(string name) => name switch
    {
        Garnet => GarnetBackend.Start(),
        RedisServer when External is { } address => new ExternalRedisBackend(address),
        RedisServer => await RedisServerBackend.StartAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown backend."),
    };
}

/// <summary>A server someone else started and stops; tests keep apart on it by their own cluster and service ids.</summary>
public sealed class ExternalRedisBackend(string connectionString) : IRedisBackend
{
    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
