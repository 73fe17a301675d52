using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gaze.Api.OpenApi;

/// <summary>
/// Completes the generated document from each endpoint's <see cref="ApiOperationDoc"/>: bodies,
/// answers, every status with its problem types, the rate-limit headers of limited routes.
/// </summary>
public static class ApiDocumentDescription
{
    public const string ProblemSchemaName = "Problem";

    private static readonly string[] RateLimitHeaderNames = ["RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Gaze service API",
                Version = "1",
                Description = "Calibrates webcam eye tracking per participant and maps recorded iris positions to points on the screen. " +
                    "The contract of the Eye Lab gaze tracker API (ruxailab/eye-tracker-api), with per-client rate limits on the two ML routes. " +
                    "Every error is an RFC 9457 problem (`application/problem+json`) whose `type` is documented at its own address, `/problems/{name}`.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchemaName] = ProblemSchema();
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<ApiOperationDoc>().FirstOrDefault() is not { } doc)
            {
                return Task.CompletedTask;
            }

            operation.Summary = doc.Summary;
            operation.Description = doc.Description;
            operation.Responses = [];
            doc.Shape(operation);
            AddProblems(operation, [.. doc.Problems, ProblemKinds.InternalError]);
            if (metadata.OfType<RateLimitPolicyMetadata>().Any())
            {
                AddRateLimitHeaders(operation);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>A JSON answer for <paramref name="status"/>.</summary>
    public static void Json(OpenApiOperation operation, int status, string description, IOpenApiSchema schema, IDictionary<string, IOpenApiHeader>? headers = null) =>
        operation.Responses![Code(status)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            Headers = headers,
        };

    /// <summary>An HTML page answer.</summary>
    public static void Html(OpenApiOperation operation, string description) =>
        operation.Responses![Code(StatusCodes.Status200OK)] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["text/html"] = new() { Schema = JsonSchemas.String("An HTML page.") } },
        };

    public static OpenApiHeader Header(string description, IOpenApiSchema schema) => new() { Description = description, Schema = schema };

    private static void AddProblems(OpenApiOperation operation, IReadOnlyList<ProblemKind> kinds)
    {
        foreach (var group in kinds.Where(kind => kind.Status != 0).GroupBy(kind => kind.Status).OrderBy(group => group.Key))
        {
            var response = new OpenApiResponse
            {
                Description = string.Join(" ", group.Select(kind => $"`{kind.Type}` ({kind.Title}): {kind.Description}")),
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchemaName) },
                },
            };
            if (group.Key is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = Header("Seconds to wait before retrying.", JsonSchemas.Integer("Seconds.", minimum: 0)),
                };
            }

            operation.Responses![Code(group.Key)] = response;
        }
    }

    /// <summary>Every answer of a limited route carries its limit state (IETF RateLimit fields and flask-limiter's X-RateLimit-*).</summary>
    private static void AddRateLimitHeaders(OpenApiOperation operation)
    {
        var descriptions = new Dictionary<string, string>
        {
            ["RateLimit-Policy"] = "The route's limits, e.g. `\"calib\";q=10;w=60, \"hour\";q=50;w=3600, \"day\";q=200;w=86400`.",
            ["RateLimit"] = "The limit that binds now: remaining permits and seconds until it resets (when denied, the one forcing the longest wait), e.g. `\"calib\";r=3;t=42`.",
            ["X-RateLimit-Limit"] = "Permits of the binding limit (flask-limiter's header).",
            ["X-RateLimit-Remaining"] = "Permits left under the binding limit.",
            ["X-RateLimit-Reset"] = "When the binding limit resets, in Unix seconds.",
        };
        foreach (var response in operation.Responses!.Values.OfType<OpenApiResponse>())
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            foreach (var name in RateLimitHeaderNames)
            {
                response.Headers[name] = Header(descriptions[name] + " Absent when the limiter is disabled or could not decide.",
                    name.StartsWith("X-", StringComparison.Ordinal) ? JsonSchemas.Integer("A whole number.") : JsonSchemas.String("A structured header value."));
            }
        }
    }

    private static OpenApiSchema ProblemSchema() => JsonSchemas.Object(
        "An RFC 9457 problem. `type` names the kind of problem and is documented at that address; `detail` says what to change.",
        ("type", JsonSchemas.OneOfStrings("The problem kind, a relative address the service documents.", ProblemKinds.All.Select(kind => kind.Type)), true),
        ("title", JsonSchemas.String("The kind's title."), true),
        ("status", JsonSchemas.Integer("The HTTP status."), true),
        ("detail", JsonSchemas.String("What went wrong with this request."), true),
        ("fields", JsonSchemas.Array(JsonSchemas.String("A field name, e.g. `iris_tracking_data[17].left_iris_x`, or `body`."), "invalid-field: every offending field."), false),
        ("limit", JsonSchemas.String("rate-limited: the limit used up, e.g. `10 per 1 minute`."), false),
        ("retry_after", JsonSchemas.Integer("rate-limited, busy and other 503s: seconds to wait (also in Retry-After).", minimum: 0), false),
        ("traceId", JsonSchemas.String("The request's W3C trace id, as in the service's logs."), false));

    private static string Code(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
