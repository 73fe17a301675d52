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
        app.MapScalarApiReference(ReferencePath, reference => reference
            .WithTitle("Gaze service API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
