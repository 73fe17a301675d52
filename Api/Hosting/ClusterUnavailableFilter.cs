using Gaze.Api.Problems;

namespace Gaze.Api.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c> instead of 500 when an ML endpoint's grain call cannot be
/// delivered or answered: no gateway reachable, or the silo holding the call lost. Faults of the
/// work itself are not Orleans exceptions and still surface as errors.
/// </summary>
public sealed class ClusterUnavailableFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is OrleansException or TimeoutException && !context.HttpContext.Response.HasStarted)
        {
            return Problem.ClusterUnavailable($"The service's grains could not be reached ({exception.GetType().Name}).")
                .ToResult(context.HttpContext.Response);
        }
    }
}
