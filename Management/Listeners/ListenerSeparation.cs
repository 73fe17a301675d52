using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Gaze.Management.Listeners;

/// <summary>
/// Binds each endpoint to one listener: after routing, a management endpoint reached on the public
/// listener, or any other endpoint reached on the management listener, is dropped, so the request
/// ends as an ordinary 404. Unlike <c>RequireHost</c> it decides by the socket the request arrived
/// on, not by the <c>Host</c> header, which any client can set. The two listeners' paths do not
/// overlap, so dropping the match never hides an endpoint of the right listener.
/// </summary>
/// <remarks>
/// A path asked with a method none of its endpoints takes is routed to the framework's 405
/// endpoint, which carries no metadata saying whose path it was; for that (rare) case the path is
/// matched against the management routes, so a management path stays invisible on the public
/// listener whatever the method, and a public path on the management listener.
/// </remarks>
public sealed class ListenerSeparation(RequestDelegate next, EndpointDataSource endpoints)
{
    private readonly Lazy<TemplateMatcher[]> _managementRoutes = new(() =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null)
            .Select(endpoint => new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText!.TrimStart('/')), [])),
    ]);

    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint() is { } endpoint && IsManagement(endpoint, context.Request.Path) != ManagementConnection.IsManagement(context))
        {
            context.SetEndpoint(null);
        }

        return next(context);
    }

    private bool IsManagement(Endpoint endpoint, PathString path) => endpoint is RouteEndpoint
        ? endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null
        : _managementRoutes.Value.Any(route => route.TryMatch(path, []));
}

public static class ListenerSeparationExtensions
{
    /// <summary>Call right after <c>UseRouting</c>.</summary>
    public static IApplicationBuilder UseListenerSeparation(this IApplicationBuilder app) => app.UseMiddleware<ListenerSeparation>();
}
