using System.Net;
using Gaze.Calibration;
using Gaze.Grains.Calibration;
using Gaze.Grains.Hosting.Memory;
using Gaze.Grains.Hosting.Redis;
using Gaze.Grains.Hosting.Settings;
using Gaze.Grains.Prediction;
using Gaze.Grains.Scheduling;
using Gaze.Grains.Storage;
using Gaze.Grains.Telemetry;
using Gaze.Prediction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Silo configuration shared by the standalone silo and the co-hosted API.</summary>
public static class GazeSiloBuilderExtensions
{
    /// <summary>Orleans' <see cref="ClusterMembershipOptions"/> as configuration, e.g. <c>Orleans:Membership:ProbeTimeout</c>.</summary>
    public const string MembershipSection = "Orleans:Membership";

    /// <summary>
    /// Membership (<c>Orleans:ClusteringProvider</c>), identity and endpoints from the <c>Orleans</c> section,
    /// then the grains' storages and settings. Grains read time from Orleans' grain-area clock
    /// (<see cref="TimeProviderNames.Grains"/>), which tests replace with a fake one.
    /// </summary>
    public static ISiloBuilder AddGazeSilo(this ISiloBuilder silo)
    {
        silo.Services.AddOrleansHostingOptions();
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OrleansHostingOptions>, SiloPortsAvailableValidator>());
        switch (silo.Configuration.ProviderSetting<ClusteringProvider>(OrleansHostingOptions.SectionName, nameof(OrleansHostingOptions.ClusteringProvider)))
        {
            case ClusteringProvider.Redis:
                silo.UseGazeRedisClustering();
                break;
            default:
                // UseLocalhostClustering's primary-silo rule, read from bound options instead of build-time values.
                silo.UseDevelopmentClustering(membership => membership.Configure<IOptions<OrleansHostingOptions>>(
                    (options, hosting) => options.PrimarySiloEndpoint = new IPEndPoint(hosting.Value.AdvertisedAddress(), hosting.Value.SiloPort)));
                break;
        }

        if (silo.Configuration.ProviderSetting<DirectoryProvider>(OrleansHostingOptions.SectionName, nameof(OrleansHostingOptions.DirectoryProvider)) == DirectoryProvider.Redis)
        {
            silo.UseGazeRedisGrainDirectory();
        }

        // How fast a dead silo is voted out; Orleans' defaults unless Orleans:Membership says otherwise.
        silo.Services.AddOptions<ClusterMembershipOptions>().BindConfiguration(MembershipSection);
        silo.Services.AddOptions<EndpointOptions>().Configure<IOptions<OrleansHostingOptions>>((endpoint, hosting) =>
        {
            endpoint.AdvertisedIPAddress = hosting.Value.AdvertisedAddress();
            endpoint.SiloPort = hosting.Value.SiloPort;
            endpoint.GatewayPort = hosting.Value.GatewayPort;
        });
        return silo.AddGazeGrains();
    }

    /// <summary>Storages (<c>Storage:Provider</c>), settings and messaging the grains rely on, without clustering.</summary>
    public static ISiloBuilder AddGazeGrains(this ISiloBuilder silo)
    {
        switch (silo.Configuration.ProviderSetting<StorageProvider>(StorageSettingNames.Section, StorageSettingNames.Provider))
        {
            case StorageProvider.Redis:
                silo.AddGazeRedisGrainStorage(StorageNames.Rates);
                silo.AddGazeRedisGrainStorage(StorageNames.Calibrations);
                break;
            default:
                silo.Services.AddValidatedOptions<SqliteGrainStorageOptions, SqliteGrainStorageOptionsValidator>(SqliteGrainStorageOptions.SectionName);
                silo.AddSqliteGrainStorage(StorageNames.Rates);
                silo.AddSqliteGrainStorage(StorageNames.Calibrations);
                break;
        }

        silo.Services.AddGazeEngineOptions();
        silo.Services.AddSingleton<GazeMappingCache>();
        silo.Services.AddValidatedOptions<MlThreadsOptions, MlThreadsOptionsValidator>(MlThreadsOptions.SectionName);
        silo.Services.AddSingleton<MlThreads>();
        silo.Services.AddSingleton<RunningCalibrations>();
        silo.Services.AddSingleton<CalibrationAdmission>();
        silo.Services.AddMetrics();
        silo.Services.AddSingleton<MlMetrics>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.AddHostedService<MemoryReturnService>();
        silo.Services.AddOptions<SiloMessagingOptions>().Configure(MessagingTimeouts.Apply);
        return silo;
    }

    /// <summary>
    /// The engine's settings (<c>Calibration</c>, <c>Prediction</c>), which both the grains and the
    /// HTTP front end (time budgets) read. Safe to call from both in one host.
    /// </summary>
    public static IServiceCollection AddGazeEngineOptions(this IServiceCollection services) => services
        .AddValidatedOptions<CalibrationOptions, CalibrationOptionsValidator>(CalibrationOptions.SectionName)
        .AddValidatedOptions<PredictionOptions, PredictionOptionsValidator>(PredictionOptions.SectionName);

    /// <summary>The <c>Orleans</c> section, bound and checked; its identity also configures <see cref="ClusterOptions"/>.</summary>
    public static IServiceCollection AddOrleansHostingOptions(this IServiceCollection services)
    {
        services.AddValidatedOptions<OrleansHostingOptions, OrleansHostingOptionsValidator>(OrleansHostingOptions.SectionName);
        services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansHostingOptions>>((cluster, hosting) =>
        {
            cluster.ClusterId = hosting.Value.ClusterId;
            cluster.ServiceId = hosting.Value.ServiceId;
        });
        return services;
    }
}
