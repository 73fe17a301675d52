using Gaze.Api.Hosting;
using Gaze.Api.OpenApi;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Calibration;

/// <summary><c>POST /api/session/calib_validation</c>: validate, store and run a calibration.</summary>
public static class CalibrationApi
{
    public const string Route = "/api/session/calib_validation";

    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, CalibrateAsync)
            .RequireRatePolicy(RatePolicyNames.Calibration)
            .Documented(CalibrationDocs.Calibrate)
            .AsMlWork(services => services.GetRequiredService<IOptions<CalibrationOptions>>().Value.TimeBudget, "calibration", "try fewer samples or a simpler model");
        return app;
    }

    /// <param name="upload">Received and validated before the ML filters run (<see cref="CalibrationUpload"/>).</param>
    private static async Task<IResult> CalibrateAsync(HttpContext context, CalibrationUpload upload, IGrainFactory grains, MlTimeBudget budget)
    {
        var record = upload.Record!;
        var result = await grains.GetGrain<ICalibrationGrain>(0).CalibrateAsync(record, budget.Limit, budget.Token);
        if (result.Rejection is { } rejection)
        {
            return Problem.Rejected(rejection, ProblemKinds.UnprocessableCalibration).ToResult(context.Response);
        }

        if (record.FromRuxailab)
        {
            // Resolved here, not as a parameter: parameters are bound before the body filters run,
            // and a typed client is a new HttpClient, which a rejected or non-RUXAILAB upload never needs.
            var webhook = context.RequestServices.GetRequiredService<CalibrationWebhook>();
            await webhook.NotifyAsync(record, context.RequestAborted);
        }

        context.Response.Headers["X-Calibration-Id"] = record.Id;
        context.Response.Headers[CalibrationModelHeader.Name] = CalibrationModelHeader.Value(result.ModelX!, result.ModelY!);
        return TypedResults.Text(result.ResponseJson, "application/json");
    }
}
