using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gaze.Benchmarks.Limiter;

/// <summary>
/// The yardstick of the limiter benchmark: a minimal ASP.NET Core app with the framework's own
/// <c>AddRateLimiter</c>, configured to the service's default policies per client address (the
/// address from <c>X-Forwarded-For</c> when the peer is loopback, as the service does): 10 per
/// minute on calibration, 30 per minute on batch prediction, and 50 per hour plus 200 per day shared
/// by both. Windows slide in 60 segments, the closest the framework comes to an exact moving window.
/// </summary>
/// <remarks>
/// It limits per process only, which is what a cluster cannot do with it. An admitted calibration
/// reads the form and answers 400, as the service does for the benchmark's form without samples.
/// </remarks>
public static class BuiltInLimiterApp
{
    private const string Calibration = "calib";
    private const string Batch = "batch";

    public static async Task RunAsync(string url)
    {
        var builder = WebApplication.CreateBuilder();
        // What the web template's appsettings give a new app: the framework's own logs at Warning.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            // The shared hourly and daily limits apply to the limited routes only, like the service's defaults.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                SharedLimit(50, TimeSpan.FromHours(1)),
                SharedLimit(200, TimeSpan.FromDays(1)));
            options.AddPolicy(Calibration, context => PerClient(context, 10, TimeSpan.FromMinutes(1)));
            options.AddPolicy(Batch, context => PerClient(context, 30, TimeSpan.FromMinutes(1)));
        });

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseRateLimiter();
        app.MapGet("/api/session/health", () => TypedResults.Json(new Health("ok"), contentType: "application/json"));
        app.MapPost("/api/session/calib_validation", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            return TypedResults.Problem($"No samples in {form.Count} fields.", statusCode: StatusCodes.Status400BadRequest);
        }).RequireRateLimiting(Calibration).WithMetadata(new LimitedRoute());
        app.MapPost("/api/session/batch_predict", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            return TypedResults.Problem("No calibration.", statusCode: StatusCodes.Status400BadRequest);
        }).RequireRateLimiting(Batch).WithMetadata(new LimitedRoute());
        await app.RunAsync();
    }

    private static PartitionedRateLimiter<HttpContext> SharedLimit(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.GetEndpoint()?.Metadata.GetMetadata<LimitedRoute>() is null
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : PerClient(context, permits, window));

    private static RateLimitPartition<string> PerClient(HttpContext context, int permits, TimeSpan window) =>
        RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 60,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (long)Math.Ceiling(wait.TotalSeconds) : 1;
        response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "application/problem+json";
        await response.WriteAsJsonAsync(new Rejection("Too Many Requests", 429, $"Rate limit exceeded. Retry in {retryAfter} s.", retryAfter), cancellationToken);
    }

    private sealed record Health(string Status);

    private sealed record Rejection(string Title, int Status, string Detail, long Retry_after);

    /// <summary>Marks the routes the shared limits apply to.</summary>
    private sealed class LimitedRoute;
}
