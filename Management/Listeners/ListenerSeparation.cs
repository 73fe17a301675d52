using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Gaze.Management.Listeners;

/// <summary>
/// Binds each endpoint to one listener: after routing, a management endpoint reached on the public
/// listener, or any other endpoint reached on the management listener, is dropped, so the request
/// ends as an ordinary 404. Unlike <c>RequireHost</c> it decides by the socket the request arrived
/// on, not by the <c>Host</c> header, which any client can set. The two listeners' paths do not
/// overlap, so dropping the match never hides an endpoint of the right listener.
/// </summary>
public static class ListenerSeparation
{
    /// <summary>Call right after <c>UseRouting</c>.</summary>
    public static IApplicationBuilder UseListenerSeparation(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.GetEndpoint() is { } endpoint
            && (endpoint.Metadata.GetMetadata<ManagementEndpointMetadata>() is not null) != ManagementConnection.IsManagement(context))
        {
            context.SetEndpoint(null);
        }

        return next(context);
    });
}
