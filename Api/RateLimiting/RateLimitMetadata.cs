namespace Gaze.Api.RateLimiting;

/// <summary>
/// Endpoint metadata naming the rate-limit policy of an endpoint. Only endpoints that carry it are
/// limited; every other endpoint (health, status, documentation, management) never is.
/// </summary>
public sealed record RateLimitPolicyMetadata(string PolicyName);

public static class RateLimitEndpointExtensions
{
    /// <summary>Limits the endpoint by its own policy plus the shared default limits.</summary>
    public static TBuilder RequireRatePolicy<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policyName));
}
