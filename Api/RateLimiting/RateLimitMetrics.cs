using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Limiter metrics: decisions by policy and outcome, decision latency (seconds, as the
/// OpenTelemetry conventions ask), failure-policy activations.
/// </summary>
public sealed class RateLimitMetrics
{
    public const string MeterName = "Gaze.RateLimiting";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _failures;

    public RateLimitMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("gaze.ratelimit.decisions", unit: "{decision}", description: "Rate-limit decisions by policy and outcome.");
        _latency = meter.CreateHistogram<double>("gaze.ratelimit.decision.duration", unit: "s", description: "Time to obtain a decision from the client's rate grain.");
        _failures = meter.CreateCounter<long>("gaze.ratelimit.failure_policy.activations", unit: "{request}", description: "Requests decided by the failure policy because the limiter did not answer.");
    }

    public void Decided(string policy, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "gaze.policy", policy }, { "gaze.outcome", outcome } };
        _decisions.Add(1, tags);
        if (_latency.Enabled)
        {
            _latency.Record(elapsed.TotalSeconds, tags);
        }
    }

    public void FailurePolicyApplied(string policy, string failurePolicy) =>
        _failures.Add(1, new TagList { { "gaze.policy", policy }, { "gaze.failure_policy", failurePolicy } });
}
