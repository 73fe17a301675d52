using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Limiter metrics: decisions by policy, outcome and source (the client's grain or this node's
/// denial cache), the latency of grain decisions (seconds, as the OpenTelemetry conventions ask),
/// failure-policy activations. Tags go in a <see cref="TagList"/> and nothing is recorded for an
/// instrument no one listens to, so a decision costs no allocation here.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "Gaze.RateLimiting";

    public const string Allowed = "allowed";
    public const string Denied = "denied";
    public const string Failed = "failed";
    public const string FromGrain = "grain";
    public const string FromCache = "cache";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _failures;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("gaze.ratelimit.decisions", unit: "{decision}", description: "Rate-limit decisions by policy, outcome and source (grain or this node's denial cache).");
        _latency = meter.CreateHistogram<double>("gaze.ratelimit.decision.duration", unit: "s", description: "Time to obtain a decision from the client's rate grain.");
        _failures = meter.CreateCounter<long>("gaze.ratelimit.failure_policy.activations", unit: "{request}", description: "Requests decided by the failure policy because the limiter did not answer.");
    }

    /// <summary>A decision; <paramref name="elapsed"/> is the grain call's duration, none for the cache.</summary>
    public void Decided(string policy, string outcome, string source, TimeSpan elapsed = default)
    {
        if (!_decisions.Enabled && !_latency.Enabled)
        {
            return;
        }

        var tags = new TagList { { "gaze.policy", policy }, { "gaze.outcome", outcome } };
        if (_latency.Enabled && source == FromGrain)
        {
            _latency.Record(elapsed.TotalSeconds, tags);
        }

        if (_decisions.Enabled)
        {
            tags.Add("gaze.source", source);
            _decisions.Add(1, tags);
        }
    }

    public void FailurePolicyApplied(string policy, string failurePolicy)
    {
        if (_failures.Enabled)
        {
            _failures.Add(1, new TagList { { "gaze.policy", policy }, { "gaze.failure_policy", failurePolicy } });
        }
    }
}
