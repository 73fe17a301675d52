using Gaze.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Silo configuration shared by the standalone silo and the co-hosted API.</summary>
public static class GazeSiloBuilderExtensions
{
    /// <summary>
    /// Cluster identity and localhost clustering from the <c>Orleans</c> section, the grain
    /// storages, the clock and call timeouts. Tests replace <see cref="TimeProvider"/> afterwards.
    /// </summary>
    public static ISiloBuilder AddGazeSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        return silo.AddGazeGrains(configuration);
    }

    /// <summary>Storages, clock and messaging settings the grains rely on, without clustering.</summary>
    public static ISiloBuilder AddGazeGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.AddSqliteGrainStorage(StorageNames.Rates, configuration.GetSqliteStorageOptions());
        silo.Services.TryAddSingleton(TimeProvider.System);
        // Orleans 10 no longer cancels a timed-out call by default; grains should stop work nobody awaits.
        silo.Configure<SiloMessagingOptions>(options => options.CancelRequestOnTimeout = true);
        return silo;
    }
}
