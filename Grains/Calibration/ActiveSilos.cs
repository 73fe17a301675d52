using Orleans.Runtime;

namespace Gaze.Grains.Calibration;

/// <summary>The silos of the cluster that take work now, as the calibration's fan-out and its admission both count them.</summary>
internal static class ActiveSilos
{
    public static int Count(IClusterMembershipService membership) =>
        membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active);
}
