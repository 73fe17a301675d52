using System.Diagnostics;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Asks the client's <see cref="IRateGrain"/> for a decision within the configured timeout.
/// Returns null when the limiter could not answer, so the caller applies the failure policy.
/// </summary>
public sealed partial class RateLimitGate(
    IGrainFactory grains,
    IOptions<RateLimitingOptions> options,
    RateLimitMetrics metrics,
    ILogger<RateLimitGate> logger)
{
    private readonly TimeSpan _timeout = options.Value.DecisionTimeout;

    public async Task<RateDecision?> AcquireAsync(string clientKey, RatePolicy policy, CancellationToken requestAborted)
    {
        var started = Stopwatch.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        deadline.CancelAfter(_timeout);
        try
        {
            var decision = await grains.GetGrain<IRateGrain>(clientKey)
                .AcquireAsync(policy, deadline.Token)
                .AsTask()
                .WaitAsync(_timeout, requestAborted);
            metrics.Decided(policy.Name, decision.Allowed ? "allowed" : "denied", Stopwatch.GetElapsedTime(started));
            return decision;
        }
        catch (Exception exception) when (!requestAborted.IsCancellationRequested)
        {
            metrics.Decided(policy.Name, "failed", Stopwatch.GetElapsedTime(started));
            LogLimiterFailed(logger, exception, clientKey, policy.Name, _timeout);
            return null;
        }
    }

    /// <summary>
    /// Gives back the permits of <paramref name="admission"/>, within the decision timeout. A refund
    /// that fails leaves them consumed (the client waits a little longer; no limit is exceeded), so
    /// it is logged and not raised.
    /// </summary>
    public async Task RefundAsync(RateLimitAdmission admission)
    {
        try
        {
            await grains.GetGrain<IRateGrain>(admission.ClientKey).RefundAsync(admission.Policy, admission.AdmittedAt).AsTask().WaitAsync(_timeout);
        }
        catch (Exception exception)
        {
            LogRefundFailed(logger, exception, admission.ClientKey, admission.Policy.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the permits of {ClientKey} on {Policy}; they stay consumed")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, string clientKey, string policy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rate limiter did not decide for {ClientKey} on {Policy} within {Timeout}")]
    private static partial void LogLimiterFailed(ILogger logger, Exception exception, string clientKey, string policy, TimeSpan timeout);
}
