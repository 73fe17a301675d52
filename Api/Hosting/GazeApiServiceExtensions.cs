using System.Net;
using Gaze.Api.Calibration;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gaze.Api.Hosting;

/// <summary>Services and middleware of the HTTP front end.</summary>
public static class GazeApiServiceExtensions
{
    private const string CorsPolicy = "clients";

    public static IServiceCollection AddGazeApi(this IServiceCollection services, IConfiguration configuration)
    {
        var api = configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        services.Configure<RateLimitingOptions>(configuration.GetSection(RateLimitingOptions.SectionName));
        services.AddSingleton<RatePolicyCatalog>();
        services.AddSingleton<RateLimitGate>();
        services.AddSingleton<RateLimitMetrics>();
        services.AddHostedService<RateLimiterWarmup>();
        services.AddSingleton<MlWorkGate>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>(
            (forwarded, limits) => TrustedProxies.Configure(forwarded, limits.Value.TrustedProxies));

        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.SectionName));
        var webhook = configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddHttpClient<CalibrationWebhook>().AddStandardResilienceHandler(resilience =>
        {
            resilience.AttemptTimeout.Timeout = webhook.AttemptTimeout;
            resilience.Retry.MaxRetryAttempts = webhook.MaxRetries;
            resilience.Retry.Delay = webhook.RetryDelay;
            resilience.TotalRequestTimeout.Timeout = webhook.TotalTimeout;
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(resilience.CircuitBreaker.SamplingDuration.Ticks, 2 * webhook.AttemptTimeout.Ticks));
        });

        services.AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe);
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy =>
        {
            if (api.AllowedOrigins.Contains("*"))
            {
                // Echo the caller's origin (with Vary: Origin) rather than "*", as the clients call cross-origin.
                policy.SetIsOriginAllowed(_ => true);
            }
            else
            {
                policy.WithOrigins(api.AllowedOrigins);
            }

            policy.AllowAnyHeader().WithMethods("GET", "POST", "OPTIONS")
                .WithExposedHeaders([.. RateLimitHeaders.Exposed, "X-Calibration-Id"]);
        }));

        services.Configure<ApiOptions>(configuration.GetSection(ApiOptions.SectionName));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = api.MaxRequestBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, api.MaxRequestBodyBytes);
            form.MultipartBodyLengthLimit = api.MaxRequestBodyBytes;
        });
        return services;
    }

    /// <summary>
    /// The pipeline: problem bodies for errors and bare status codes, trusted-proxy client address,
    /// CORS, routing, then the limiter (after routing, so it sees the endpoint's policy; before the
    /// endpoint, so no body is read for a denied request).
    /// </summary>
    public static WebApplication UseGazeApi(this WebApplication app)
    {
        // Build the policies now: a malformed limit stops the start with the setting's name.
        _ = app.Services.GetRequiredService<RatePolicyCatalog>();
        _ = FailurePolicy.IsClosed(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitingOptions>>().Value.FailurePolicy);

        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusProblems.StatusFor });
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            ForwardedHeaderTranslator.Translate(context.Request);
            return next(context);
        });
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseCors(CorsPolicy);
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        return app;
    }
}
