using System.Text.Json;
using Gaze.Api.Hosting;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;

namespace Gaze.Api.Endpoints;

/// <summary>
/// Batch prediction, registered behind its limits. The limiter runs before this handler, so an
/// invalid request is counted and then answered here with its 4xx. The prediction engine is not
/// part of this version: a well-formed request gets 501 rather than a made-up result.
/// </summary>
public static class SessionApi
{
    public static IEndpointRouteBuilder MapSessionApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session");
        session.MapPost("/batch_predict", PredictAsync).RequireRatePolicy(RatePolicyNames.BatchPrediction).AddEndpointFilter<MlWorkFilter>();
        return app;
    }

    private static async Task<IResult> PredictAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return Problem.UnsupportedMediaType("Content-Type must be application/json.");
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return Problem.InvalidFields(["body"], $"The body is not valid JSON: {exception.Message}");
        }

        using (body)
        {
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Problem.InvalidFields(["body"], "The body must be a JSON object.");
            }

            if (!body.RootElement.TryGetProperty("iris_tracking_data", out var samples) || samples.ValueKind != JsonValueKind.Array || samples.GetArrayLength() == 0)
            {
                return Problem.InvalidFields(["iris_tracking_data"], "iris_tracking_data must be a non-empty array of samples.");
            }

            return Problem.NotImplemented("Batch prediction is not available in this version of the service.");
        }
    }
}
