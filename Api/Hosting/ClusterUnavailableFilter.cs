using Gaze.Api.Problems;

namespace Gaze.Api.Hosting;

/// <summary>
/// Answers 503 with <c>Retry-After</c> instead of 500 when an ML endpoint's grain call cannot be
/// delivered or answered: no gateway reachable, the silo holding the call lost, a gateway
/// overloaded, or no answer in time. Logged, so an operator sees it; any other exception is a
/// fault and still surfaces as one.
/// </summary>
public sealed partial class ClusterUnavailableFilter(ILogger<ClusterUnavailableFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (IsUnreachable(exception) && !context.HttpContext.Response.HasStarted)
        {
            LogUnreachable(logger, exception, context.HttpContext.Request.Path);
            return Problem.ClusterUnavailable($"The service's grains could not be reached ({exception.GetType().Name}).")
                .ToResult(context.HttpContext.Response);
        }
    }

    private static bool IsUnreachable(Exception exception) =>
        exception is SiloUnavailableException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grains unreachable for {Path}; answered 503")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, PathString path);
}
