using Gaze.Grains.Hosting.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gaze.Management.Health;

/// <summary>
/// Ready when the cluster's Redis server answers a PING. Its own multiplexer, connected on the first
/// check and reconnecting by itself. Written here because the community Redis check is built
/// against an older StackExchange.Redis major version than the Orleans providers use.
/// </summary>
public sealed class RedisHealthCheck(IOptions<RedisConnectionOptions> options) : IHealthCheck, IAsyncDisposable
{
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private ConnectionMultiplexer? _redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = await ConnectAsync(cancellationToken);
            var latency = await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer ({exception.GetType().Name}).", exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_redis is { } connected)
        {
            return connected;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            var configuration = options.Value.ToConfiguration();
            // Keep the multiplexer even when the server is down at the first check: it reconnects by itself.
            configuration.AbortOnConnectFail = false;
            return _redis ??= await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        finally
        {
            _connecting.Release();
        }
    }
}
