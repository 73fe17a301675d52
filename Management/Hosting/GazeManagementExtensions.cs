using Gaze.Grains.Hosting.Settings;
using Gaze.Grains.Hosting;
using Gaze.Grains.Storage;
using Gaze.Management.Health;
using Gaze.Management.Listeners;
using Gaze.Management.Reports;
using Gaze.Management.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;

namespace Gaze.Management.Hosting;

/// <summary>
/// The management listener and what it serves: <c>/metrics</c>, <c>/health/ready</c>,
/// <c>/dashboard</c>, <c>/calibrations/{id}</c>. The same for the API node and the standalone silo.
/// </summary>
public static class GazeManagementExtensions
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    // Read while the host is built, as it decides which services exist.
    private static bool DashboardEnabled(IConfiguration configuration) =>
        configuration.GetValue($"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Dashboard)}", defaultValue: true);

    /// <summary>Whether <c>Management:Urls</c> turns the management listener on.</summary>
    public static bool ManagementEnabled(this WebApplicationBuilder builder) =>
        ManagementOptions.Split(builder.Configuration[$"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Urls)}"]
            ?? new ManagementOptions().Urls).Count > 0;

    /// <summary>
    /// Listeners, telemetry and readiness checks. <paramref name="servesPublicApi"/>: whether the host
    /// also serves the public API on <c>Urls</c>; <paramref name="role"/>: whether Orleans runs as a
    /// silo in this process or as a client of the cluster.
    /// </summary>
    public static WebApplicationBuilder AddGazeManagement(this WebApplicationBuilder builder, bool servesPublicApi, OrleansRole role)
    {
        var services = builder.Services;
        services.AddValidatedOptions<ManagementOptions, ManagementOptionsValidator>(ManagementOptions.SectionName);
        services.AddSingleton(new ListenerPlan(servesPublicApi));
        services.AddTransient<IStartupFilter, ListenerStartupFilter>();
        if (!servesPublicApi && !builder.ManagementEnabled())
        {
            services.AddSingleton<IServer, NoHttpServer>();
        }

        builder.AddGazeTelemetry();

        var checks = services.AddHealthChecks();
        if (role == OrleansRole.Client)
        {
            services.AddSingleton<GatewayConnection>();
            services.AddSingleton<IClusterConnectionStatusObserver>(provider => provider.GetRequiredService<GatewayConnection>());
            checks.AddCheck<ClientConnectedHealthCheck>("orleans", timeout: CheckTimeout);
        }
        else
        {
            checks.AddCheck<SiloActiveHealthCheck>("orleans", timeout: CheckTimeout);
        }

        // The storage this process's grains write to; an API client of the cluster checks Redis
        // when the cluster keeps its state there (a silo's SQLite file is the silo's own).
        var storage = builder.Configuration.ProviderSetting<StorageProvider>(StorageSettingNames.Section, StorageSettingNames.Provider);
        if (storage == StorageProvider.Redis)
        {
            services.AddSingleton<RedisHealthCheck>();
            checks.AddCheck<RedisHealthCheck>("storage", timeout: CheckTimeout);
        }
        else if (role != OrleansRole.Client)
        {
            checks.AddCheck<SqliteStorageHealthCheck>("storage", timeout: CheckTimeout);
        }

        checks.AddCheck<ClusterReachableHealthCheck>("cluster", timeout: CheckTimeout);
        services.AddSingleton<CalibrationReportPage>();
        return builder;
    }

    /// <summary>
    /// The dashboard's part of a silo (unless <c>Management:Dashboard</c> is false), and the trace
    /// context carried into grain calls while spans are recorded.
    /// </summary>
    public static ISiloBuilder AddGazeManagement(this ISiloBuilder silo)
    {
        if (GazeTelemetryExtensions.TracingEnabled(silo.Configuration))
        {
            silo.AddActivityPropagation();
        }

        return DashboardEnabled(silo.Configuration) ? silo.AddDashboard() : silo;
    }

    /// <summary>
    /// The same for a cluster client. Its dashboard shows what the silos' dashboards collect, so
    /// the silos must run it too.
    /// </summary>
    public static IClientBuilder AddGazeManagement(this IClientBuilder client)
    {
        if (GazeTelemetryExtensions.TracingEnabled(client.Configuration))
        {
            client.AddActivityPropagation();
        }

        return DashboardEnabled(client.Configuration) ? client.AddDashboard() : client;
    }

    /// <summary>Drops a match made on the wrong listener; call right after <c>UseRouting</c>.</summary>
    public static IApplicationBuilder UseGazeListeners(this IApplicationBuilder app) => app.UseListenerSeparation();

    /// <summary>Maps the management endpoints, on the management listener only.</summary>
    public static IEndpointRouteBuilder MapGazeManagement(this IEndpointRouteBuilder app)
    {
        // Not part of the public API document: the internet never reaches them.
        var management = app.MapGroup(string.Empty).OnManagementListener().ExcludeFromDescription();
        management.MapPrometheusScrapingEndpoint("/metrics");
        management.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            ResponseWriter = HealthReportWriter.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        if (DashboardEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            management.MapOrleansDashboard("/dashboard");
        }

        management.MapCalibrationReports();
        return app;
    }
}
