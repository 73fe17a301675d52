using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Hosting;

/// <summary>
/// Bounds the ML requests this node works on at once: <see cref="ApiOptions.MlConcurrency"/> run,
/// up to <see cref="ApiOptions.MlQueueLimit"/> wait their turn, and any beyond that are refused at
/// once (503) instead of piling up behind CPU-bound work. Its metrics (meter <c>Gaze.Api</c>) show
/// the requests running and waiting, and those refused.
/// </summary>
public sealed class MlWorkGate : IDisposable
{
    public const string MeterName = "Gaze.Api";

    private readonly ConcurrencyLimiter _limiter;
    private readonly Counter<long> _rejections;

    public MlWorkGate(IOptions<ApiOptions> options, IMeterFactory meterFactory)
    {
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MlConcurrency,
            QueueLimit = options.Value.MlQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var meter = meterFactory.Create(MeterName);
        var permits = options.Value.MlConcurrency;
        meter.CreateObservableUpDownCounter("gaze.ml.queue.length", () => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0,
            unit: "{request}", description: "ML requests waiting for a slot on this node.");
        meter.CreateObservableUpDownCounter("gaze.ml.active", () => permits - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? permits),
            unit: "{request}", description: "ML requests running on this node.");
        _rejections = meter.CreateCounter<long>("gaze.ml.rejections", unit: "{request}", description: "ML requests refused (503 busy) because the node's slots and queue were full.");
    }

    public async ValueTask<RateLimitLease> EnterAsync(string route, CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>("http.route", route));
        }

        return lease;
    }

    public void Dispose() => _limiter.Dispose();
}
