using Gaze.Api.Calibration;
using Gaze.Api.OpenApi;
using Gaze.Api.Problems;
using Gaze.Api.RateLimiting;
using Gaze.Grains.Hosting;
using Gaze.Grains.Hosting.Settings;
using Gaze.Management.Hosting;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Hosting;

/// <summary>Services and middleware of the HTTP front end.</summary>
public static class GazeApiServiceExtensions
{
    private const string CorsPolicy = "clients";

    public static IServiceCollection AddGazeApi(this IServiceCollection services)
    {
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(ApiOptions.SectionName);
        services.AddValidatedOptions<RateLimitingOptions, RateLimitingOptionsValidator>(RateLimitingOptions.SectionName);
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(WebhookOptions.SectionName);
        // The reference service's FUNCTIONS_ENDPOINT_URL (an environment variable, so already in
        // configuration) wins over Webhook:BaseUrl; read once, when the options are first built.
        services.AddOptions<WebhookOptions>().Configure<IConfiguration>((webhook, configuration) =>
        {
            if (configuration[WebhookOptions.FunctionsEndpointUrlKey] is { Length: > 0 } baseUrl)
            {
                webhook.BaseUrl = baseUrl;
            }
        });
        services.AddGazeEngineOptions();

        services.AddSingleton<RatePolicyCatalog>();
        services.AddSingleton<RateLimitGate>();
        services.AddSingleton<RateDenialCache>();
        services.TryAddKeyedSingleton(RateDenialCache.ClockKey, TimeProvider.System);
        services.AddSingleton<RateLimitMetrics>();
        services.AddHostedService<RateLimiterWarmup>();
        services.AddSingleton<MlWorkGate>();
        services.AddScoped<MlTimeBudget>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<RateLimitingOptions>>(
            (forwarded, limits) => TrustedProxies.Configure(forwarded, limits.Value.TrustedProxies));

        services.AddHttpClient<CalibrationWebhook>().AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            var webhook = provider.GetRequiredService<IOptions<WebhookOptions>>().Value;
            resilience.AttemptTimeout.Timeout = webhook.AttemptTimeout;
            resilience.Retry.MaxRetryAttempts = webhook.MaxRetries;
            resilience.Retry.Delay = webhook.RetryDelay;
            resilience.TotalRequestTimeout.Timeout = webhook.TotalTimeout;
            // The resilience handler insists on a sampling window of at least two attempts.
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(resilience.CircuitBreaker.SamplingDuration.Ticks, 2 * webhook.AttemptTimeout.Ticks));
        });

        services.AddApiDocuments();
        services.AddProblemDetails(options => options.CustomizeProblemDetails = StatusProblems.Describe);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ApiOptions>>((cors, api) => cors.AddPolicy(CorsPolicy, policy =>
        {
            if (api.Value.AllowsAnyOrigin)
            {
                // Echo the caller's origin (with Vary: Origin) rather than "*", as the clients call cross-origin.
                policy.SetIsOriginAllowed(_ => true);
            }
            else
            {
                policy.WithOrigins(api.Value.AllowedOrigins);
            }

            policy.AllowAnyHeader().WithMethods("GET", "POST", "OPTIONS")
                .WithExposedHeaders([.. RateLimitHeaders.Exposed, "X-Calibration-Id", CalibrationModelHeader.Name]);
        }));

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>(
            (kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((form, api) =>
        {
            form.ValueLengthLimit = (int)Math.Min(int.MaxValue, api.Value.MaxRequestBodyBytes);
            form.MultipartBodyLengthLimit = api.Value.MaxRequestBodyBytes;
        });
        return services;
    }

    /// <summary>
    /// The pipeline: problem bodies for errors and bare status codes, trusted-proxy client address,
    /// routing (and dropping a match made on the wrong listener), CORS, then the limiter (after routing, so it sees the endpoint's policy; before the
    /// endpoint, so no body is read for a denied request).
    /// </summary>
    public static WebApplication UseGazeApi(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusProblems.StatusFor });
        app.UseStatusCodePages();
        app.Use((context, next) =>
        {
            ForwardedHeaderTranslator.Translate(context.Request);
            return next(context);
        });
        app.UseForwardedHeaders();
        app.UseRouting();
        app.UseGazeListeners();
        app.UseCors(CorsPolicy);
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<RequestSizeLimitMiddleware>();
        return app;
    }
}
