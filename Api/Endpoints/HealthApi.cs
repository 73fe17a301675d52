using Gaze.Api.OpenApi;

namespace Gaze.Api.Endpoints;

public static class HealthApi
{
    /// <summary>Liveness: cheap, never limited, no grain call. The web front proceeds only on <c>status == "ok"</c>.</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/session/health", [HttpMethods.Get, HttpMethods.Head], () => TypedResults.Json(HealthStatus.Ok, contentType: "application/json"))
            .Documented(ServiceDocs.Health);
        return app;
    }

    private sealed record HealthStatus(string Status)
    {
        public static readonly HealthStatus Ok = new("ok");
    }
}
