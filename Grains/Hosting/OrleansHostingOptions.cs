using System.Net;

namespace Gaze.Grains.Hosting;

/// <summary>Cluster membership, identity and ports (configuration section <c>Orleans</c>).</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    /// <summary>
    /// How silos find each other and clients find gateways: <c>localhost</c> (one machine) or
    /// <c>redis</c>. Not <c>Orleans:Clustering</c>: Orleans reads that section itself, as its own
    /// provider configuration (<c>Orleans:Clustering:ProviderType</c>).
    /// </summary>
    public ClusteringProvider ClusteringProvider { get; set; } = ClusteringProvider.Localhost;

    /// <summary>The grain directory: <c>in-cluster</c> or <c>redis</c>; see <see cref="Hosting.DirectoryProvider"/>.</summary>
    public DirectoryProvider DirectoryProvider { get; set; } = DirectoryProvider.InCluster;

    /// <summary>API processes only: <c>cohosted</c> (also a silo) or <c>client</c> (a front end of the silos).</summary>
    public OrleansRole Role { get; set; } = OrleansRole.Cohosted;

    public string ClusterId { get; set; } = "gaze";

    public string ServiceId { get; set; } = "gaze-service";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (and the one it listens on). Loopback by
    /// default, so nothing is exposed by accident; set it to the machine's address to span machines.
    /// </summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary><see cref="AdvertisedIP"/> as an address (checked at start by <see cref="Settings.OrleansHostingOptionsValidator"/>).</summary>
    public IPAddress AdvertisedAddress() => IPAddress.Parse(AdvertisedIP);
}
