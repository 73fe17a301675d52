using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gaze.Management.Health;

/// <summary>
/// The readiness answer: <c>{"status": "Healthy", "checks": {"storage": {"status", "description", "duration"}}}</c>,
/// so an operator sees which check failed and why. 503 unless every check is healthy.
/// </summary>
public static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            duration = report.TotalDuration.TotalSeconds,
            checks = report.Entries.ToDictionary(entry => entry.Key, entry => new
            {
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                duration = entry.Value.Duration.TotalSeconds,
            }),
        }, cancellationToken: context.RequestAborted);
    }
}
