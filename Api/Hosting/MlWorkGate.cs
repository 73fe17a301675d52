using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Hosting;

/// <summary>
/// Bounds the ML requests this node works on at once: <see cref="ApiOptions.MlConcurrency"/> run,
/// up to <see cref="ApiOptions.MlQueueLimit"/> wait their turn, and any beyond that are refused at
/// once (503) instead of piling up behind CPU-bound work.
/// </summary>
public sealed class MlWorkGate(IOptions<ApiOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MlConcurrency,
        QueueLimit = options.Value.MlQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
