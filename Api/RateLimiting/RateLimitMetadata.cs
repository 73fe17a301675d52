namespace Gaze.Api.RateLimiting;

/// <summary>Endpoint metadata naming the rate-limit policy of an endpoint.</summary>
public sealed record RateLimitPolicyMetadata(string PolicyName);

/// <summary>Endpoint metadata exempting an endpoint (health, status) from rate limiting.</summary>
public sealed record RateLimitExemptMetadata;

public static class RateLimitEndpointExtensions
{
    /// <summary>Limits the endpoint by its own policy plus the shared default limits.</summary>
    public static TBuilder RequireRatePolicy<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policyName));

    /// <summary>Never limits the endpoint.</summary>
    public static TBuilder ExemptFromRateLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitExemptMetadata());
}
