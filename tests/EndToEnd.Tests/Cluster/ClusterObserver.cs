using Gaze.Grains.Hosting;
using Gaze.Grains.Interfaces;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaze.Tests.Cluster;

/// <summary>
/// An Orleans client of the cluster under test, configured like its API nodes, that asks Orleans'
/// management grain where a grain is active and how many activations it has.
/// </summary>
public sealed class ClusterObserver : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterObserver(IHost host) => _host = host;

    public static async Task<ClusterObserver> ConnectAsync(ServiceCluster cluster)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(cluster.Settings.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)));
        builder.UseOrleansClient(client => client.AddGazeClient());
        var host = builder.Build();
        try
        {
            await host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return new ClusterObserver(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    private IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Waits (bounded) until membership lists <paramref name="silos"/> active silos.</summary>
    public async Task WaitForSilosAsync(int silos)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count < silos)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Fewer than {silos} silos became active within 60 s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The silo port of the silo where <paramref name="clientKey"/>'s rate grain is active (activating it if needed).</summary>
    public async Task<int> RateGrainSiloPortAsync(string clientKey)
    {
        var grain = Grains.GetGrain<IRateGrain>(clientKey);
        await grain.PeekAsync([]);
        var address = await Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        return address?.Endpoint.Port ?? throw new InvalidOperationException($"The rate grain of {clientKey} is not active.");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _host.Dispose();
    }
}
