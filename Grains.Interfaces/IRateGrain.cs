using System.Collections.Immutable;
using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Grains.Interfaces;

/// <summary>
/// The window counters of one client, keyed by its normalised address (an IPv4 address or an
/// IPv6 /64 prefix). One grain per client in the whole cluster makes every limit exact.
/// </summary>
public interface IRateGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks every rule of <paramref name="policy"/> and, only if all pass, consumes one permit of
    /// each in the same turn. A denied request consumes nothing.
    /// </summary>
    ValueTask<RateDecision> AcquireAsync(RatePolicy policy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives back the permits that <paramref name="policy"/> took for a request admitted at
    /// <paramref name="admittedAt"/> (its decision's <c>Now</c>) but then refused for a reason of the
    /// service's own (the node was busy), so the retry it was advised is not refused for it.
    /// </summary>
    ValueTask RefundAsync(RatePolicy policy, DateTimeOffset admittedAt, CancellationToken cancellationToken = default);

    /// <summary>Reports, without consuming, what each policy would decide now.</summary>
    ValueTask<ImmutableArray<RateDecision>> PeekAsync(ImmutableArray<RatePolicy> policies);
}
