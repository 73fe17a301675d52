using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>
/// Where the cluster records which silo holds each grain (<c>Orleans:DirectoryProvider</c>). It
/// decides whether a client's rate grain can be active on two silos at once while membership
/// changes. Not <c>Orleans:GrainDirectory</c>, which Orleans reads itself. Orleans 10.4's strongly
/// consistent directory (<c>AddDistributedGrainDirectory</c>, experimental) is not offered: measured
/// here, a cluster using it had not recovered 11 s after a silo was killed (docs/benchmarks.md).
/// </summary>
[TypeConverter(typeof(SettingEnumConverter<DirectoryProvider>))]
public enum DirectoryProvider
{
    /// <summary>Orleans' default in-cluster directory: eventually consistent, so a silo failure can briefly allow a second activation.</summary>
    InCluster,

    /// <summary>The directory in Redis (<c>ConnectionStrings:Redis</c>): one registration per grain, checked by ETag.</summary>
    Redis,
}
