using Gaze.Api.Hosting;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Calibration;

/// <summary><c>POST /api/session/calib_validation</c>: validate, store and run a calibration.</summary>
public static class CalibrationApi
{
    public const string Route = "/api/session/calib_validation";

    public static IEndpointRouteBuilder MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Route, CalibrateAsync).RequireRatePolicy(RatePolicyNames.Calibration).AddEndpointFilter<MlWorkFilter>();
        return app;
    }

    private static async Task<IResult> CalibrateAsync(
        HttpContext context,
        IGrainFactory grains,
        CalibrationWebhook webhook,
        IOptions<CalibrationOptions> options,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Problem.UnsupportedMediaType("Content-Type must be multipart/form-data or application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (record, errors) = CalibrationFormReader.Read(form);
        if (record is null)
        {
            return Problem.InvalidFields([.. errors.Select(e => e.Field).Distinct()], "Invalid calibration: " + string.Join("; ", errors) + ".");
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.TimeBudget);
        CalibrationResult result;
        try
        {
            result = await grains.GetGrain<ICalibrationGrain>(0).CalibrateAsync(record, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Problem.OverBudget($"The calibration did not finish within {options.Value.TimeBudget.TotalSeconds:0} s; try fewer samples or a simpler model.");
        }

        if (result.ResponseJson is null)
        {
            return Problem.Unprocessable(result.RejectionReason ?? "The calibration could not be computed.");
        }

        if (record.FromRuxailab)
        {
            await webhook.NotifyAsync(record, cancellationToken);
        }

        context.Response.Headers["X-Calibration-Id"] = record.Id;
        return TypedResults.Text(result.ResponseJson, "application/json");
    }
}
