using Gaze.Api.Hosting;
using Gaze.Api.OpenApi;
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
            .Documented(BatchDocs.Predict)
            .AsMlWork(services => services.GetRequiredService<IOptions<PredictionOptions>>().Value.TimeBudget, "batch", "try a smaller calibration or a simpler model");
        return app;
    }

    /// <param name="upload">Received and validated before the ML filters run (<see cref="BatchUpload"/>).</param>
    private static async Task<IResult> PredictAsync(HttpContext context, BatchUpload upload, IGrainFactory grains, MlTimeBudget budget)
    {
        var request = upload.Request!;
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
