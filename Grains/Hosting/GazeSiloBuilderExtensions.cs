using Gaze.Grains.Calibration;
using Gaze.Grains.Prediction;
using Gaze.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Silo configuration shared by the standalone silo and the co-hosted API.</summary>
public static class GazeSiloBuilderExtensions
{
    /// <summary>
    /// Cluster identity and localhost clustering from the <c>Orleans</c> section, the grain
    /// storages and call timeouts. Grains read time from Orleans' grain-area clock
    /// (<see cref="TimeProviderNames.Grains"/>), which tests replace with a fake one.
    /// </summary>
    public static ISiloBuilder AddGazeSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var orleans = configuration.GetSection(OrleansHostingOptions.SectionName).Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
        return silo.AddGazeGrains(configuration);
    }

    /// <summary>Storages, options and messaging settings the grains rely on, without clustering.</summary>
    public static ISiloBuilder AddGazeGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        var storage = configuration.GetSqliteStorageOptions();
        silo.AddSqliteGrainStorage(StorageNames.Rates, storage);
        silo.AddSqliteGrainStorage(StorageNames.Calibrations, storage);
        var calibration = new CalibrationOptions();
        CalibrationSettings.Bind(calibration, configuration.GetSection(CalibrationOptions.SectionName));
        silo.Services.AddSingleton(Options.Create(calibration));
        silo.Services.AddOptions<PredictionOptions>()
            .Bind(configuration.GetSection(PredictionOptions.SectionName))
            .Validate(o => o.CacheEntries >= 1, "Setting Prediction:CacheEntries must be at least 1.")
            .Validate(o => o.CacheIdleTime > TimeSpan.Zero, "Setting Prediction:CacheIdleTime must be positive.")
            .Validate(o => o.TimeBudget > TimeSpan.Zero, "Setting Prediction:TimeBudget must be positive.")
            .ValidateOnStart();
        silo.Services.AddSingleton<GazeMappingCache>();
        // Orleans 10 no longer cancels a timed-out call by default; grains should stop work nobody awaits.
        // Calls wait long enough for a calibration or a batch to use its whole time budget.
        var predictionBudget = configuration.GetSection(PredictionOptions.SectionName).Get<PredictionOptions>()?.TimeBudget ?? new PredictionOptions().TimeBudget;
        var longestBudget = TimeSpan.FromTicks(Math.Max(calibration.TimeBudget.Ticks, predictionBudget.Ticks));
        silo.Configure<SiloMessagingOptions>(options =>
        {
            options.CancelRequestOnTimeout = true;
            options.ResponseTimeout = TimeSpan.FromTicks(Math.Max(options.ResponseTimeout.Ticks, (longestBudget + TimeSpan.FromSeconds(30)).Ticks));
        });
        return silo;
    }
}
