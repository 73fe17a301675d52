using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Hosting;

/// <summary>
/// Bounds the ML requests this node works on at once, per route: <see cref="ApiOptions.MlConcurrency"/>
/// calibrations run, up to <see cref="ApiOptions.MlQueueLimit"/> wait their turn, and any beyond that
/// are refused at once (503) instead of piling up behind CPU-bound work; batch predictions have
/// slots and a queue of their own. Separate, because a calibration holds its slot for its whole
/// run (tens of seconds for SVR) while a batch takes milliseconds: with one pool, two long
/// calibrations on a 2-core node would leave every batch waiting out its budget. The ML threads
/// then share the cores between them (<c>MlThreads</c> takes turns between calibrations and
/// batches). Its metrics (meter <c>Gaze.Api</c>) show the requests running and waiting per route,
/// and those refused.
/// </summary>
public sealed class MlWorkGate : IDisposable
{
    public const string MeterName = "Gaze.Api";

    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _routes = new(StringComparer.Ordinal);
    private readonly ApiOptions _options;
    private readonly Counter<long> _rejections;

    public MlWorkGate(IOptions<ApiOptions> options, IMeterFactory meterFactory)
    {
        _options = options.Value;
        var meter = meterFactory.Create(MeterName);
        var permits = _options.MlConcurrency;
        meter.CreateObservableUpDownCounter("gaze.ml.queue.length", () => PerRoute(statistics => statistics.CurrentQueuedCount),
            unit: "{request}", description: "ML requests waiting for a slot on this node.");
        meter.CreateObservableUpDownCounter("gaze.ml.active", () => PerRoute(statistics => permits - statistics.CurrentAvailablePermits),
            unit: "{request}", description: "ML requests running on this node.");
        _rejections = meter.CreateCounter<long>("gaze.ml.rejections", unit: "{request}", description: "ML requests refused (503 busy) because the node's slots and queue were full.");
    }

    public async ValueTask<RateLimitLease> EnterAsync(string route, CancellationToken cancellationToken)
    {
        var lease = await _routes.GetOrAdd(route, _ => NewLimiter()).AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>("http.route", route));
        }

        return lease;
    }

    public void Dispose()
    {
        foreach (var limiter in _routes.Values)
        {
            limiter.Dispose();
        }
    }

    private ConcurrencyLimiter NewLimiter() => new(new ConcurrencyLimiterOptions
    {
        PermitLimit = _options.MlConcurrency,
        QueueLimit = _options.MlQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private IEnumerable<Measurement<long>> PerRoute(Func<RateLimiterStatistics, long> value) =>
        [.. _routes.Select(route => new Measurement<long>(
            route.Value.GetStatistics() is { } statistics ? value(statistics) : 0,
            new KeyValuePair<string, object?>("http.route", route.Key)))];
}
