using Gaze.Api.Problems;

namespace Gaze.Api.Bodies;

/// <summary>Answers an endpoint's <see cref="IValidatedBody"/> problem before any later filter (the ML gate) runs.</summary>
public sealed class InvalidBodyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IValidatedBody { Problem: { } problem })
            {
                return ValueTask.FromResult<object?>(problem.ToResult(context.HttpContext.Response));
            }
        }

        return next(context);
    }
}
