using Microsoft.Extensions.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>
/// Orleans interprets <c>Orleans:Clustering</c> as its own provider section while the host is built,
/// and any value there stops the start with "Could not find Clustering provider named 'Default'".
/// This check runs first and says which setting the service reads instead.
/// </summary>
public static class ReservedOrleansSettings
{
    public static void ThrowIfMisused(IConfiguration configuration)
    {
        if (configuration.GetSection("Orleans:Clustering").Exists())
        {
            throw new InvalidOperationException(
                "Setting Orleans:Clustering is Orleans' own provider section and is not used by this service; " +
                "choose membership with Orleans:ClusteringProvider (localhost or redis) instead.");
        }
    }
}
