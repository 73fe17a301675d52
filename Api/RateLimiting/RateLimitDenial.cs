using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Everything a 429 says: the rule that forces the longest wait, the limiter's clock, and the exact
/// wait. A denial from the grain and one answered from the <see cref="RateDenialCache"/> have this
/// one form, so both are written by the same code.
/// </summary>
/// <remarks>
/// While a client stays denied, nothing else on its response changes: the violated rule has no
/// permit left (its remaining count is 0) and the time it admits again is fixed, so the headers
/// and body follow from these three values.
/// </remarks>
public readonly record struct RateLimitDenial(RateLimitRule Violated, DateTimeOffset Now, TimeSpan RetryAfter)
{
    /// <summary>When the violated rule admits again, on the limiter's clock.</summary>
    public DateTimeOffset AdmitsAt => Now + RetryAfter;

    /// <summary>The <c>Retry-After</c> value: whole seconds, rounded up.</summary>
    public long RetryAfterSeconds => RateDecision.WholeSeconds(RetryAfter);

    /// <summary>The denial a grain decided; <paramref name="decision"/> must be a denial.</summary>
    public static RateLimitDenial From(RateDecision decision) =>
        new(decision.Violated ?? throw new ArgumentException("An admitted decision is not a denial.", nameof(decision)), decision.Now, decision.RetryAfter);
}
