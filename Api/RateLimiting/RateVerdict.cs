using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Api.RateLimiting;

/// <summary>What <see cref="RateLimitGate"/> decided for one request.</summary>
public readonly struct RateVerdict
{
    private RateVerdict(RateDecision? admitted, RateLimitDenial? denial) => (Admitted, Denial) = (admitted, denial);

    /// <summary>The limiter did not answer in time: the failure policy decides.</summary>
    public static RateVerdict Undecided => default;

    /// <summary>The grain's decision, when it admitted the request (its permits are consumed).</summary>
    public RateDecision? Admitted { get; }

    /// <summary>The denial, from the grain or from this node's denial cache.</summary>
    public RateLimitDenial? Denial { get; }

    public static RateVerdict Admit(RateDecision decision) => new(decision, null);

    public static RateVerdict Deny(RateLimitDenial denial) => new(null, denial);
}
