namespace Gaze.Grains.Hosting.Memory;

/// <summary>
/// When a node gives memory back to the system (<see cref="MemoryReturnService"/>): after many grains
/// were collected, once the node is quiet. Plain code, so the rule is tested without a runtime.
/// </summary>
public static class MemoryReturnPolicy
{
    /// <summary>How often the node looks.</summary>
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(30);

    /// <summary>Collected grains that make a return worth a full collection: about 3.5 MB of rate windows.</summary>
    public const long MinCollectedGrains = 1_000;

    /// <summary>
    /// Allocation over one <see cref="CheckPeriod"/> below which the node counts as quiet. Under load
    /// the collector runs often by itself, and a blocking collection would only add pauses.
    /// </summary>
    public const long QuietAllocatedBytes = 64L * 1024 * 1024;

    public static bool ShouldReturn(long collectedGrainsSinceLastReturn, long allocatedBytesInLastPeriod) =>
        collectedGrainsSinceLastReturn >= MinCollectedGrains && allocatedBytesInLastPeriod < QuietAllocatedBytes;
}
