using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Where cluster membership lives (<c>Orleans:ClusteringProvider</c>).</summary>
[TypeConverter(typeof(SettingEnumConverter<ClusteringProvider>))]
public enum ClusteringProvider
{
    /// <summary>One machine: the first silo on <c>Orleans:SiloPort</c> is the primary; clients use <c>Orleans:GatewayPort</c>.</summary>
    Localhost,

    /// <summary>Membership and the gateway list in Redis (<c>ConnectionStrings:Redis</c>): silos and API nodes on any machines.</summary>
    Redis,
}
