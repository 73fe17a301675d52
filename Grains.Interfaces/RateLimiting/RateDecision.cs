using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.RateLimiting;

/// <summary>Outcome of one rate-limit check.</summary>
/// <param name="Allowed">Whether the request is admitted (and, for an acquire, consumed).</param>
/// <param name="Usages">Every rule of the policy, in policy order.</param>
/// <param name="Now">The limiter's clock at the decision; header deltas are computed from it.</param>
/// <param name="RetryAfter">Zero when allowed; otherwise the exact time until every violated rule admits again.</param>
/// <param name="Violated">The rule that forces the longest wait, when denied.</param>
[GenerateSerializer, Immutable, Alias("Gaze.RateDecision")]
public sealed record RateDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] ImmutableArray<RateLimitUsage> Usages,
    [property: Id(2)] DateTimeOffset Now,
    [property: Id(3)] TimeSpan RetryAfter,
    [property: Id(4)] RateLimitRule? Violated)
{
    /// <summary>
    /// <see cref="RetryAfter"/> in whole seconds, rounded up: retrying after that many seconds is
    /// admitted, one second earlier is not (the value of a <c>Retry-After</c> header).
    /// </summary>
    public long RetryAfterSeconds => WholeSeconds(RetryAfter);

    /// <summary>
    /// A positive span in whole seconds, rounded up; zero for none. Integer arithmetic on ticks:
    /// rounding up must be exact for <c>Retry-After</c> to be exact.
    /// </summary>
    public static long WholeSeconds(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (span.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
