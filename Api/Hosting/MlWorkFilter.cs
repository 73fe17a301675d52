using Gaze.Api.Problems;

namespace Gaze.Api.Hosting;

/// <summary>Endpoint filter that runs an ML handler only inside the node's <see cref="MlWorkGate"/>.</summary>
public sealed class MlWorkFilter(MlWorkGate gate) : IEndpointFilter
{
    /// <summary>Seconds a refused client is asked to wait; ML requests take about that long to drain.</summary>
    private const int RetryAfterSeconds = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = await gate.EnterAsync(context.HttpContext.RequestAborted);
        if (!lease.IsAcquired)
        {
            return Problem.Busy($"This node is already running and queueing as many ML requests as it takes. Retry in {RetryAfterSeconds} s.", RetryAfterSeconds)
                .ToResult(context.HttpContext.Response);
        }

        return await next(context);
    }
}
