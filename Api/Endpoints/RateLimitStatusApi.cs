using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Gaze.Api.Hosting;
using Gaze.Api.OpenApi;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Endpoints;

public static class RateLimitStatusApi
{
    /// <summary>Longest wait for the client's rate grain; then 503 like any unreachable grain.</summary>
    private static readonly TimeSpan PeekTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The caller's own limits, remaining quota and resets (like GitHub's <c>/rate_limit</c>); exempt
    /// itself. When the grains cannot be reached (or do not answer within 5 s) the answer is 503 with
    /// <c>Retry-After</c>, never a 500 or a wait for Orleans' response timeout.
    /// </summary>
    public static IEndpointRouteBuilder MapRateLimitStatusApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ratelimit/status", GetStatusAsync).Documented(ServiceDocs.RateLimitStatus).AddEndpointFilter<ClusterUnavailableFilter>();
        return app;
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext context,
        IGrainFactory grains,
        RatePolicyCatalog catalog,
        EndpointDataSource endpoints,
        IOptions<RateLimitingOptions> options)
    {
        var clientKey = ClientKey.From(context.Connection.RemoteIpAddress, options.Value.Ipv6PrefixLength);
        var policies = catalog.All.ToImmutableArray();
        var decisions = await grains.GetGrain<IRateGrain>(clientKey).PeekAsync(policies).AsTask().WaitAsync(PeekTimeout, context.RequestAborted);
        var routes = RoutesByPolicy(endpoints);
        var report = policies.Select((policy, i) => new PolicyStatus(
            policy.Name,
            routes.GetValueOrDefault(policy.Name, []),
            decisions[i].Allowed,
            decisions[i].RetryAfterSeconds,
            [.. decisions[i].Usages.Select(usage => LimitStatus.From(usage, decisions[i].Now))]));
        return TypedResults.Json(new StatusReport(clientKey, catalog.StrategyName, options.Value.Enabled, [.. report]));
    }

    private static Dictionary<string, string[]> RoutesByPolicy(EndpointDataSource endpoints) =>
        endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<RateLimitPolicyMetadata>() is not null)
            .GroupBy(endpoint => endpoint.Metadata.GetMetadata<RateLimitPolicyMetadata>()!.PolicyName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(group => group.Key, group => group.Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).Distinct().ToArray(), StringComparer.OrdinalIgnoreCase);

    private sealed record StatusReport(
        [property: JsonPropertyName("client")] string Client,
        [property: JsonPropertyName("strategy")] string Strategy,
        [property: JsonPropertyName("enabled")] bool Enabled,
        [property: JsonPropertyName("policies")] PolicyStatus[] Policies);

    private sealed record PolicyStatus(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("endpoints")] string[] Endpoints,
        [property: JsonPropertyName("allowed")] bool Allowed,
        [property: JsonPropertyName("retry_after")] long RetryAfter,
        [property: JsonPropertyName("limits")] LimitStatus[] Limits);

    private sealed record LimitStatus(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("limit")] string Limit,
        [property: JsonPropertyName("remaining")] int Remaining,
        [property: JsonPropertyName("reset")] long Reset,
        [property: JsonPropertyName("reset_after")] double ResetAfter)
    {
        public static LimitStatus From(RateLimitUsage usage, DateTimeOffset now) => new(
            usage.Rule.Name,
            usage.Rule.Text,
            usage.Remaining,
            (long)Math.Ceiling((usage.ResetAt - DateTimeOffset.UnixEpoch).TotalSeconds),
            Math.Round((usage.ResetAt - now).TotalSeconds, 3));
    }
}
