using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;

namespace Gaze.Api.Hosting;

/// <summary>
/// Endpoint filter that runs an ML handler only inside the node's <see cref="MlWorkGate"/>. A request
/// refused because the node is busy gets its rate-limit permits back: the refusal is the service's,
/// and the retry it advises must not then be refused by the limiter.
/// </summary>
public sealed class MlWorkFilter(MlWorkGate gate, RateLimitGate limiter) : IEndpointFilter
{
    /// <summary>Seconds a refused client is asked to wait; ML requests take about that long to drain.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var route = (context.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.HttpContext.Request.Path.Value ?? string.Empty;
        using var lease = await gate.EnterAsync(route, context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            if (context.HttpContext.Features.Get<RateLimitAdmission>() is { } admission)
            {
                await limiter.RefundAsync(admission);
            }

            return Problem.Busy($"This node is already running and queueing as many ML requests as it takes. Retry in {RetryAfterSeconds} s.", RetryAfterSeconds)
                .ToResult(context.HttpContext.Response);
        }

        return await next(context);
    }
}
