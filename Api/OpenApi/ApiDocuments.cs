using Scalar.AspNetCore;

namespace Gaze.Api.OpenApi;

/// <summary>
/// The API's OpenAPI document at <c>/openapi/v1.json</c> and a browsable reference of it at
/// <c>/docs</c>, both on the public listener and never rate limited.
/// </summary>
public static class ApiDocuments
{
    public const string DocumentPath = "/openapi/v1.json";

    public const string ReferencePath = "/docs";

    public static IServiceCollection AddApiDocuments(this IServiceCollection services) =>
        services.AddOpenApi(options => ApiDocumentDescription.Configure(options));

    public static IEndpointRouteBuilder MapApiDocuments(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(ReferencePath, reference =>
        {
            reference.WithTitle("Gaze service API").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            // Self-contained: everything from this process, nothing from Scalar's servers (fonts,
            // telemetry, the AI chat), so the page works where only the service is reachable.
            reference.DefaultFonts = false;
            reference.Telemetry = false;
            reference.Agent = new ScalarAgentOptions { Disabled = true };
            reference.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            reference.DefaultOpenAllTags = true;
        });
        return app;
    }
}
