using System.Globalization;
using Gaze.Api.Problems;
using Gaze.Grains.Interfaces.Configuration;
using Microsoft.Extensions.Options;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Runs after routing and before the endpoint reads the body: the gate decides the request, every
/// limited response carries the limit headers, and a denied request ends here with 429.
/// </summary>
public sealed class RateLimitMiddleware(
    RequestDelegate next,
    RatePolicyCatalog catalog,
    RateLimitGate gate,
    RateLimitMetrics metrics,
    IOptions<RateLimitingOptions> options)
{
    private readonly RateLimitingOptions _options = options.Value;
    private readonly bool _failClosed = options.Value.FailurePolicy == FailurePolicy.Closed;
    private readonly string _failurePolicyName = SettingEnumConverter<FailurePolicy>.Spelling(options.Value.FailurePolicy);

    // Not async: a request that is not limited goes straight on, without a state machine of its own.
    public Task InvokeAsync(HttpContext context)
    {
        // Only the API routes that name a policy are limited: health, status, documentation, problem
        // pages, the management listener's endpoints, unknown paths and the framework's 405 cost
        // nothing worth protecting.
        if (!_options.Enabled || context.GetEndpoint()?.Metadata.GetMetadata<RateLimitPolicyMetadata>() is not { } limited)
        {
            return next(context);
        }

        return LimitAsync(context, catalog.Limited(limited.PolicyName));
    }

    private async Task LimitAsync(HttpContext context, LimitedPolicy policy)
    {
        var clientKey = ClientKey.From(context.Connection.RemoteIpAddress, _options.Ipv6PrefixLength);
        RateVerdict verdict;
        try
        {
            verdict = await gate.AcquireAsync(clientKey, policy, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client hung up while its repeated denial was held back: no one is left to answer.
            return;
        }

        if (verdict.Admitted is { } decision)
        {
            RateLimitHeaders.Write(context.Response.Headers, policy, decision);
            context.Features.Set(new RateLimitAdmission(clientKey, policy, decision.Now));
            await next(context);
        }
        else if (verdict.Denial is { } denial)
        {
            RateLimitHeaders.WriteDenied(context.Response.Headers, policy, denial);
            var limit = denial.Violated.Text;
            var retryAfter = denial.RetryAfterSeconds;
            await ProblemWriter.WriteAsync(context, Problem.RateLimited(
                $"Rate limit exceeded: {limit} on {context.Request.Path}. Retry in {retryAfter.ToString(CultureInfo.InvariantCulture)} s.", limit, retryAfter));
        }
        else
        {
            await ApplyFailurePolicyAsync(context, policy);
        }
    }

    private async Task ApplyFailurePolicyAsync(HttpContext context, LimitedPolicy policy)
    {
        metrics.FailurePolicyApplied(policy.Name, _failurePolicyName);
        if (_failClosed)
        {
            context.Response.Headers.RetryAfter = "1";
            await ProblemWriter.WriteAsync(context, Problem.LimiterUnavailable("The rate limiter could not decide this request in time. Retry in 1 s.", 1));
            return;
        }

        await next(context);
    }
}
