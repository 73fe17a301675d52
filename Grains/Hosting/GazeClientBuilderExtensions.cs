using System.Net;
using Gaze.Calibration;
using Gaze.Grains.Hosting.Redis;
using Gaze.Prediction;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>An Orleans client of the service's silos, for API nodes in the <c>client</c> role.</summary>
public static class GazeClientBuilderExtensions
{
    /// <summary>How long a starting API node waits for a first gateway before it gives up.</summary>
    private static readonly TimeSpan GatewayWaitLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Gateways from <c>Orleans:ClusteringProvider</c> (Redis' live gateway list, or the silo on this machine
    /// at <c>Orleans:GatewayPort</c>), the cluster identity, and call timeouts fitting the ML budgets.
    /// </summary>
    public static IClientBuilder AddGazeClient(this IClientBuilder client)
    {
        client.Services.AddOrleansHostingOptions();
        switch (client.Configuration.ProviderSetting<ClusteringProvider>(OrleansHostingOptions.SectionName, nameof(OrleansHostingOptions.ClusteringProvider)))
        {
            case ClusteringProvider.Redis:
                client.UseGazeRedisClustering();
                break;
            default:
                client.UseStaticClustering(gateways => gateways.Configure<IOptions<OrleansHostingOptions>>((options, hosting) =>
                    options.Gateways = [new IPEndPoint(hosting.Value.AdvertisedAddress(), hosting.Value.GatewayPort).ToGatewayUri()]));
                break;
        }

        // An API node may start before any silo: keep looking for gateways for a while instead of exiting.
        var startedAt = DateTime.UtcNow;
        client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            if (DateTime.UtcNow - startedAt > GatewayWaitLimit)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
        client.Services.AddGazeEngineOptions();
        client.Services.AddOptions<ClientMessagingOptions>().Configure(MessagingTimeouts.Apply);
        return client;
    }
}
