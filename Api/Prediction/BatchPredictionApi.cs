using System.Text.Json;
using Gaze.Api.Hosting;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Prediction;
using Gaze.Grains.Prediction;
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
        app.MapPost(Route, PredictAsync).RequireRatePolicy(RatePolicyNames.BatchPrediction).AddEndpointFilter<MlWorkFilter>();
        return app;
    }

    private static async Task<IResult> PredictAsync(HttpContext context, IGrainFactory grains, IOptions<PredictionOptions> options, CancellationToken cancellationToken)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problem.UnsupportedMediaType("Content-Type must be application/json.");
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            return Problem.InvalidFields(["body"], $"The body is not valid JSON: {exception.Message}");
        }

        // The document stays open until the answer is written: timestamps and screen sizes are echoed from it.
        using (body)
        {
            var (request, fields) = BatchRequestReader.Read(body.RootElement);
            if (request is null)
            {
                return Problem.InvalidFields(fields.FieldNames(), fields.Summary("Invalid batch"));
            }

            var predictor = grains.GetGrain<IPredictionGrain>(0);
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            budget.CancelAfter(options.Value.TimeBudget);
            PredictionResult result;
            try
            {
                result = request.Stateless is { } stateless
                    ? await predictor.PredictStatelessAsync(new StatelessPredictionRequest(request.Model, request.ScreenWidth, request.ScreenHeight, stateless.Calibration, stateless.Validation, request.Samples), budget.Token)
                    : await predictor.PredictAsync(new StoredPredictionRequest(request.CalibrationId!, request.Model, request.ScreenWidth, request.ScreenHeight, request.Samples), budget.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Problem.OverBudget($"The batch did not finish within {options.Value.TimeBudget.TotalSeconds:0.###} s; try a smaller calibration or a simpler model.");
            }

            switch (result.Status)
            {
                case PredictionStatus.CalibrationNotFound:
                    return Problem.CalibrationNotFound(result.Reason!);
                case PredictionStatus.Rejected:
                    return Problem.UnprocessableBatch(result.Reason!);
            }

            await BatchResponseWriter.WriteAsync(context.Response, request, result, cancellationToken);
            return Results.Empty;
        }
    }
}
