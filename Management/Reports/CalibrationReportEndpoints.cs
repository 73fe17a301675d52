using Gaze.Grains.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Gaze.Management.Reports;

/// <summary><c>GET /calibrations/{id}</c>: the stored calibration and what calibrating it found, as a page.</summary>
public static class CalibrationReportEndpoints
{
    public static IEndpointRouteBuilder MapCalibrationReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calibrations/{id}", async (string id, IGrainFactory grains, CalibrationReportPage page, HttpContext context) =>
        {
            // No script, no outside resource: the page is self-contained server-rendered HTML and SVG.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
            StoredCalibration? stored;
            try
            {
                stored = await CalibrationStoreCalls.ReachAsync(grains.GetGrain<ICalibrationStoreGrain>(id).GetAsync(), id);
            }
            catch (CalibrationStoreUnavailableException)
            {
                context.Response.Headers.RetryAfter = "5";
                return Results.Content(page.Unavailable(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return stored is null
                ? Results.Content(page.NotFound(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.Content(page.Render(stored), "text/html; charset=utf-8");
        });
        return app;
    }
}
