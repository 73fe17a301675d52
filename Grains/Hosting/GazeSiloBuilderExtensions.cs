using System.Net;
using Gaze.Calibration;
using Gaze.Grains.Hosting.Settings;
using Gaze.Grains.Prediction;
using Gaze.Grains.Storage;
using Gaze.Prediction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Silo configuration shared by the standalone silo and the co-hosted API.</summary>
public static class GazeSiloBuilderExtensions
{
    /// <summary>
    /// Cluster identity and localhost clustering from the <c>Orleans</c> section, then the grains'
    /// storages and settings. Grains read time from Orleans' grain-area clock
    /// (<see cref="TimeProviderNames.Grains"/>), which tests replace with a fake one.
    /// </summary>
    public static ISiloBuilder AddGazeSilo(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<OrleansHostingOptions, OrleansHostingOptionsValidator>(OrleansHostingOptions.SectionName);
        // What UseLocalhostClustering does, but read from bound options instead of values fixed at build time.
        silo.UseDevelopmentClustering(membership => membership.Configure<IOptions<OrleansHostingOptions>>(
            (options, hosting) => options.PrimarySiloEndpoint = new IPEndPoint(IPAddress.Loopback, hosting.Value.SiloPort)));
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<OrleansHostingOptions>>((endpoint, hosting) =>
        {
            endpoint.AdvertisedIPAddress = IPAddress.Loopback;
            endpoint.SiloPort = hosting.Value.SiloPort;
            endpoint.GatewayPort = hosting.Value.GatewayPort;
        });
        silo.Services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansHostingOptions>>((cluster, hosting) =>
        {
            cluster.ClusterId = hosting.Value.ClusterId;
            cluster.ServiceId = hosting.Value.ServiceId;
        });
        return silo.AddGazeGrains();
    }

    /// <summary>Storages, settings and messaging the grains rely on, without clustering.</summary>
    public static ISiloBuilder AddGazeGrains(this ISiloBuilder silo)
    {
        silo.Services.AddValidatedOptions<SqliteGrainStorageOptions, SqliteGrainStorageOptionsValidator>(SqliteGrainStorageOptions.SectionName);
        silo.AddSqliteGrainStorage(StorageNames.Rates);
        silo.AddSqliteGrainStorage(StorageNames.Calibrations);
        silo.Services.AddGazeEngineOptions();
        silo.Services.AddSingleton<GazeMappingCache>();
        // Orleans 10 no longer cancels a timed-out call by default; grains should stop work nobody awaits.
        // Calls wait long enough for a calibration or a batch to use its whole time budget.
        silo.Services.AddOptions<SiloMessagingOptions>().Configure<IOptions<CalibrationOptions>, IOptions<PredictionOptions>>((messaging, calibration, prediction) =>
        {
            var longestBudget = TimeSpan.FromTicks(Math.Max(calibration.Value.TimeBudget.Ticks, prediction.Value.TimeBudget.Ticks));
            messaging.CancelRequestOnTimeout = true;
            messaging.ResponseTimeout = TimeSpan.FromTicks(Math.Max(messaging.ResponseTimeout.Ticks, (longestBudget + TimeSpan.FromSeconds(30)).Ticks));
        });
        return silo;
    }

    /// <summary>
    /// The engine's settings (<c>Calibration</c>, <c>Prediction</c>), which both the grains and the
    /// HTTP front end (time budgets) read. Safe to call from both in one host.
    /// </summary>
    public static IServiceCollection AddGazeEngineOptions(this IServiceCollection services) => services
        .AddValidatedOptions<CalibrationOptions, CalibrationOptionsValidator>(CalibrationOptions.SectionName)
        .AddValidatedOptions<PredictionOptions, PredictionOptionsValidator>(PredictionOptions.SectionName);
}
