using System.Text.Json;
using Gaze.Api.Hosting;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Prediction;
using Gaze.Prediction;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Prediction;

/// <summary>
/// <c>POST /api/session/batch_predict</c>: map a session's iris samples to screen points, with a
/// stored calibration or with calibration rows sent in the body. Behind its rate limits and the
/// node's ML gate; the limiter runs first, so an invalid request is counted and then answered 4xx.
/// </summary>
public static class BatchPredictionApi
{
    public const string Route = "/api/session/batch_predict";

    public static IEndpointRouteBuilder MapBatchPredictionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, PredictAsync)
            .RequireRatePolicy(RatePolicyNames.BatchPrediction)
            .AsMlWork(services => services.GetRequiredService<IOptions<PredictionOptions>>().Value.TimeBudget, "batch", "try a smaller calibration or a simpler model");
        return app;
    }

    private static async Task<IResult> PredictAsync(HttpContext context, IGrainFactory grains, MlTimeBudget budget)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problem.UnsupportedMediaType("Content-Type must be application/json.").ToResult();
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException exception)
        {
            return Problem.InvalidFields(["body"], $"The body is not valid JSON: {exception.Message}").ToResult();
        }

        // The document stays open until the answer is written: timestamps and screen sizes are echoed from it.
        using (body)
        {
            var (request, fields) = BatchRequestReader.Read(body.RootElement);
            if (request is null)
            {
                return Problem.InvalidFields(fields.FieldNames(), fields.Summary("Invalid batch")).ToResult();
            }

            var predictor = grains.GetGrain<IPredictionGrain>(0);
            var result = request.Stateless is { } stateless
                ? await predictor.PredictStatelessAsync(new StatelessPredictionRequest(request.Model, request.ScreenWidth, request.ScreenHeight, stateless.Calibration, stateless.Validation, request.Samples), budget.Token)
                : await predictor.PredictAsync(new StoredPredictionRequest(request.CalibrationId!, request.Model, request.ScreenWidth, request.ScreenHeight, request.Samples), budget.Token);
            if (result.Rejection is { } rejection)
            {
                return Problem.Rejected(rejection, ProblemKinds.UnprocessableBatch).ToResult(context.Response);
            }

            await BatchResponseWriter.WriteAsync(context.Response, request, result, context.RequestAborted);
            return Results.Empty;
        }
    }
}
