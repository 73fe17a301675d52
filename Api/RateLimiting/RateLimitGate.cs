using System.Diagnostics;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.ObjectPool;
using Microsoft.Extensions.Options;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Decides a request: from the node's <see cref="RateDenialCache"/> when the client is known to be
/// denied (holding the repeat back for <see cref="RateLimitingOptions.RepeatDenialDelay"/> once the
/// client sent more than <see cref="RateLimitingOptions.RepeatDenialsAtOnce"/> in a second),
/// otherwise by its <see cref="IRateGrain"/> within the configured timeout.
/// </summary>
public sealed partial class RateLimitGate(
    IGrainFactory grains,
    RateDenialCache denials,
    IOptions<RateLimitingOptions> options,
    RateLimitMetrics metrics,
    [FromKeyedServices(RateDenialCache.ClockKey)] TimeProvider clock,
    ILogger<RateLimitGate> logger)
{
    private readonly TimeSpan _timeout = options.Value.DecisionTimeout;
    private readonly TimeSpan _repeatDelay = options.Value.RepeatDenialDelay;

    // One deadline per call, reused: a source that did not fire is reset and pooled, so a decision
    // allocates no timer. Orleans ends a call whose token is cancelled at once, without waiting for
    // the grain to acknowledge, so no second timeout is needed around it.
    private readonly ObjectPool<CancellationTokenSource> _deadlines = new DefaultObjectPoolProvider { MaximumRetained = MaxPooledDeadlines }.Create(new DeadlinePolicy());

    // More than the decisions a node has in flight at once on any ordinary load.
    private const int MaxPooledDeadlines = 1024;

    /// <summary>
    /// The decision for one request. Throws <see cref="OperationCanceledException"/> only when the
    /// client hangs up while its repeat is held back.
    /// </summary>
    public ValueTask<RateVerdict> AcquireAsync(string clientKey, LimitedPolicy policy, CancellationToken requestAborted)
    {
        if (!denials.TryDenyRepeat(clientKey, policy, out var cached, out var atOnce))
        {
            return AskGrainAsync(clientKey, policy);
        }

        if (!atOnce && _repeatDelay > TimeSpan.Zero)
        {
            return HoldBackThenDecideAsync(clientKey, policy, requestAborted);
        }

        metrics.Decided(policy.Name, RateLimitMetrics.Denied, RateLimitMetrics.FromCache);
        return ValueTask.FromResult(RateVerdict.Deny(cached));
    }

    // Decided after the wait, so the answer is the one that holds when it goes out (the denial may
    // have run out meanwhile).
    private async ValueTask<RateVerdict> HoldBackThenDecideAsync(string clientKey, LimitedPolicy policy, CancellationToken requestAborted)
    {
        await Task.Delay(_repeatDelay, clock, requestAborted);
        if (!denials.TryDeny(clientKey, policy, out var cached))
        {
            return await AskGrainAsync(clientKey, policy);
        }

        metrics.Decided(policy.Name, RateLimitMetrics.Denied, RateLimitMetrics.FromCache);
        return RateVerdict.Deny(cached);
    }

    /// <summary>
    /// Gives back the permits of <paramref name="admission"/>, within the decision timeout. A refund
    /// that fails leaves them consumed (the client waits a little longer; no limit is exceeded), so
    /// it is logged and not raised.
    /// </summary>
    public async Task RefundAsync(RateLimitAdmission admission)
    {
        var deadline = Deadline();
        try
        {
            await grains.GetGrain<IRateGrain>(admission.ClientKey).RefundAsync(admission.Policy.Policy, admission.AdmittedAt, deadline.Token);
        }
        catch (Exception exception)
        {
            LogRefundFailed(logger, exception, admission.ClientKey, admission.Policy.Name);
        }
        finally
        {
            _deadlines.Return(deadline);
            // Permits given back may admit what this node has cached as denied.
            denials.Forget(admission.ClientKey);
        }
    }

    private async ValueTask<RateVerdict> AskGrainAsync(string clientKey, LimitedPolicy policy)
    {
        var ticket = denials.Begin(clientKey);
        var started = Stopwatch.GetTimestamp();
        var deadline = Deadline();
        try
        {
            var decision = await grains.GetGrain<IRateGrain>(clientKey).AcquireAsync(policy.Policy, deadline.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (decision.Allowed)
            {
                denials.Forget(clientKey);
                metrics.Decided(policy.Name, RateLimitMetrics.Allowed, RateLimitMetrics.FromGrain, elapsed);
                return RateVerdict.Admit(decision);
            }

            var denial = RateLimitDenial.From(decision);
            denials.Remember(clientKey, policy, ticket, denial);
            metrics.Decided(policy.Name, RateLimitMetrics.Denied, RateLimitMetrics.FromGrain, elapsed);
            return RateVerdict.Deny(denial);
        }
        catch (Exception exception)
        {
            metrics.Decided(policy.Name, RateLimitMetrics.Failed, RateLimitMetrics.FromGrain, Stopwatch.GetElapsedTime(started));
            LogLimiterFailed(logger, exception, clientKey, policy.Name, _timeout);
            return RateVerdict.Undecided;
        }
        finally
        {
            _deadlines.Return(deadline);
        }
    }

    private CancellationTokenSource Deadline()
    {
        var deadline = _deadlines.Get();
        deadline.CancelAfter(_timeout);
        return deadline;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Could not give back the permits of {ClientKey} on {Policy}; they stay consumed")]
    private static partial void LogRefundFailed(ILogger logger, Exception exception, string clientKey, string policy);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Warning, Message = "Rate limiter did not decide for {ClientKey} on {Policy} within {Timeout}; the failure policy applies")]
    private static partial void LogLimiterFailed(ILogger logger, Exception exception, string clientKey, string policy, TimeSpan timeout);

    /// <summary>Pools only sources that never fired: a fired one cannot be reset, and is disposed.</summary>
    private sealed class DeadlinePolicy : PooledObjectPolicy<CancellationTokenSource>
    {
        public override CancellationTokenSource Create() => new();

        public override bool Return(CancellationTokenSource deadline) => deadline.TryReset();
    }
}
