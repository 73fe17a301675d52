using System.Collections.Immutable;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Gaze.Grains.RateLimiting;

/// <summary>
/// One client's rate windows. Decisions are made in memory within one grain turn (the grain is not
/// reentrant, so check-and-consume is atomic); the windows are written behind about once a second
/// when they changed, and on deactivation, so idle or restarted clients keep their hour/day counts.
/// </summary>
/// <remarks>
/// The short collection age keeps memory bounded by the clients active in the last few minutes.
/// A crash loses at most the admissions of the last flush period.
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class RateGrain(
    [PersistentState("rate", StorageNames.Rates)] IPersistentState<RateState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time,
    ILogger<RateGrain> logger) : Grain, IRateGrain
{
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(1);

    private bool _dirty;

    /// <summary>
    /// Armed only while there is something to write: an active client whose windows are stored
    /// carries no timer, which is about a sixth of what an activation costs in memory.
    /// </summary>
    private IGrainTimer? _flushTimer;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _dirty |= RateLedger.Prune(state.State, time.GetUtcNow());
        await FlushIfDirtyAsync(cancellationToken);
    }

    public ValueTask<RateDecision> AcquireAsync(RatePolicy policy, CancellationToken cancellationToken = default)
    {
        var decision = RateLedger.Decide(state.State, policy, time.GetUtcNow(), consume: true);
        if (decision.Allowed)
        {
            MarkDirty();
        }
        else
        {
            LogThrottled(logger, this.GetPrimaryKeyString(), policy.Name, decision.Violated?.Text, decision.RetryAfter);
        }

        return ValueTask.FromResult(decision);
    }

    public ValueTask RefundAsync(RatePolicy policy, DateTimeOffset admittedAt, CancellationToken cancellationToken = default)
    {
        if (RateLedger.Refund(state.State, policy, admittedAt, time.GetUtcNow()))
        {
            MarkDirty();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<ImmutableArray<RateDecision>> PeekAsync(ImmutableArray<RatePolicy> policies)
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(policies.Select(policy => RateLedger.Decide(state.State, policy, now, consume: false)).ToImmutableArray());
    }

    private void MarkDirty()
    {
        _dirty = true;
        _flushTimer ??= this.RegisterGrainTimer(FlushTickAsync, new GrainTimerCreationOptions
        {
            DueTime = FlushPeriod,
            Period = Timeout.InfiniteTimeSpan,
            // A slow or unreachable store must not hold decisions back: they run while a write is in
            // flight (turns still never overlap, so the write sees a whole state).
            Interleave = true,
            KeepAlive = false,
        });
    }

    // Decisions made during the write, or a failed write, leave the windows dirty: then once more.
    private async Task FlushTickAsync(CancellationToken cancellationToken)
    {
        await FlushIfDirtyAsync(cancellationToken);
        if (_dirty)
        {
            _flushTimer?.Change(FlushPeriod, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _flushTimer?.Dispose();
            _flushTimer = null;
        }
    }

    private async Task FlushIfDirtyAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
        {
            return;
        }

        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException exception)
        {
            // Another activation wrote these windows (a membership split): reload from storage
            // through a fresh activation rather than overwrite its admissions.
            LogFlushFailed(logger, exception, this.GetPrimaryKeyString());
            DeactivateOnIdle();
        }
        catch (Exception exception)
        {
            // Keep the windows in memory and try again on the next tick; decisions are unaffected.
            _dirty = true;
            LogFlushFailed(logger, exception, this.GetPrimaryKeyString());
        }
    }

    // Debug: a client hammering its limit must not flood the logs (the decisions metric counts it).
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Throttled {ClientKey} on {Policy}: {Limit}, retry after {RetryAfter}")]
    private static partial void LogThrottled(ILogger logger, string clientKey, string policy, string? limit, TimeSpan retryAfter);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Could not persist rate windows of {ClientKey}; will retry")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string clientKey);
}
