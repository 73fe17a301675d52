using Microsoft.AspNetCore.OpenApi;

namespace Gaze.Api.OpenApi;

/// <summary>What the generated document cannot infer from the endpoints: bodies bound by hand, headers, problem types.</summary>
public static class ApiDocumentDescription
{
    public static void Configure(OpenApiOptions options)
    {
    }
}
