using Gaze.Grains.Hosting.Settings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Clustering.Redis;
using Orleans.Persistence;
using Orleans.Storage;

namespace Gaze.Grains.Hosting.Redis;

/// <summary>Orleans' Redis providers, each configured from the one validated <c>ConnectionStrings:Redis</c>.</summary>
public static class RedisProviderExtensions
{
    /// <summary>Membership in Redis, so silos on any machine form one cluster.</summary>
    public static ISiloBuilder UseGazeRedisClustering(this ISiloBuilder silo)
    {
        silo.UseRedisClustering(_ => { });
        ConfigureClustering(silo.Services);
        return silo;
    }

    /// <summary>The gateway list from Redis, so an API node finds every live silo.</summary>
    public static IClientBuilder UseGazeRedisClustering(this IClientBuilder client)
    {
        client.UseRedisClustering(_ => { });
        ConfigureClustering(client.Services);
        return client;
    }

    /// <summary>The grain directory in Redis, as the cluster's default directory.</summary>
    public static ISiloBuilder UseGazeRedisGrainDirectory(this ISiloBuilder silo)
    {
        silo.Services.AddRedisConnection();
        silo.UseRedisGrainDirectoryAsDefault(options => options.Configure<IOptions<RedisConnectionOptions>>(
            (directory, redis) => directory.ConfigurationOptions = redis.Value.ToConfiguration()));
        return silo;
    }

    /// <summary>
    /// Grain state in Redis under <paramref name="storageName"/>, written with Orleans' binary codec
    /// like the SQLite store (it round-trips records and immutable arrays, which JSON would not).
    /// </summary>
    public static ISiloBuilder AddGazeRedisGrainStorage(this ISiloBuilder silo, string storageName)
    {
        silo.Services.AddRedisConnection();
        silo.AddRedisGrainStorage(storageName, options => options.Configure<IOptions<RedisConnectionOptions>, IServiceProvider>((storage, redis, services) =>
        {
            storage.ConfigurationOptions = redis.Value.ToConfiguration();
            storage.GrainStorageSerializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);
        }));
        return silo;
    }

    private static void ConfigureClustering(IServiceCollection services)
    {
        services.AddRedisConnection();
        services.AddOptions<RedisClusteringOptions>().Configure<IOptions<RedisConnectionOptions>>(
            (clustering, redis) => clustering.ConfigurationOptions = redis.Value.ToConfiguration());
    }

    private static IServiceCollection AddRedisConnection(this IServiceCollection services) =>
        services.AddValidatedOptions<RedisConnectionOptions, RedisConnectionOptionsValidator>(RedisConnectionOptions.SectionName);
}
