using Gaze.Grains.Interfaces;
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
            var stored = await grains.GetGrain<ICalibrationStoreGrain>(id).GetAsync();
            // No script, no outside resource: the page is self-contained server-rendered HTML and SVG.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
            return stored is null
                ? Results.Content(page.NotFound(id), "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound)
                : Results.Content(page.Render(stored), "text/html; charset=utf-8");
        });
        return app;
    }
}
