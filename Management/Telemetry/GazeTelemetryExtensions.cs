using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Gaze.Management.Telemetry;

/// <summary>
/// OpenTelemetry for a host of the service: metrics of ASP.NET Core and Kestrel, the .NET runtime,
/// Orleans and the service's own meters (<c>Gaze.*</c>), scraped from <c>/metrics</c> on the
/// management listener; traces of HTTP requests and the grain calls they make, when they have a
/// destination. Both are sent by OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (with the other standard <c>OTEL_*</c> variables).
/// </summary>
public static class GazeTelemetryExtensions
{
    /// <summary>Every meter of the service is named <c>Gaze.Something</c>.</summary>
    public const string ServiceMeters = "Gaze.*";

    /// <summary>Turns tracing on or off; by default it is on exactly when an OTLP endpoint is set.</summary>
    public const string TracingSetting = "Telemetry:Tracing";

    /// <summary>Whether spans are recorded: <see cref="TracingSetting"/>, by default whether an OTLP endpoint is set.</summary>
    public static bool TracingEnabled(IConfiguration configuration) =>
        configuration.GetValue(TracingSetting, defaultValue: OtlpConfigured(configuration));

    public static IHostApplicationBuilder AddGazeTelemetry(this IHostApplicationBuilder builder)
    {
        var otlp = OtlpConfigured(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // The standard OTEL_SERVICE_NAME, read by the SDK itself, wins over this default.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService(serviceName: "gaze-" + builder.Environment.ApplicationName.ToLowerInvariant());
                }
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Microsoft.AspNetCore.Server.Kestrel", "Microsoft.Orleans", ServiceMeters)
                .AddPrometheusExporter());
        // Spans, and the trace context carried into every grain call, cost throughput on the
        // cheapest routes (about half of the limiter's, measured with wrk: docs/benchmarks.md),
        // so both happen only when the spans have somewhere to go.
        if (TracingEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"));
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        // Logging:Console:FormatterName=json gives one JSON object per line; with scopes, each line
        // carries the request's TraceId and SpanId, which the host adds to every log scope. Scopes
        // and UTC are what the JSON output is for, so they are always on there.
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        return builder;
    }

    private static bool OtlpConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
}
