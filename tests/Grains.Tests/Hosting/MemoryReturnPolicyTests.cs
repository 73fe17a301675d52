using Gaze.Grains.Hosting.Memory;

namespace Gaze.Tests.Hosting;

/// <summary>When a node gives the memory of collected grains back.</summary>
public sealed class MemoryReturnPolicyTests
{
    [Fact]
    public void Many_collected_grains_on_a_quiet_node_return_memory() =>
        Assert.True(MemoryReturnPolicy.ShouldReturn(MemoryReturnPolicy.MinCollectedGrains, MemoryReturnPolicy.QuietAllocatedBytes - 1));

    [Fact]
    public void A_busy_node_is_left_to_its_own_collections() =>
        Assert.False(MemoryReturnPolicy.ShouldReturn(100 * MemoryReturnPolicy.MinCollectedGrains, MemoryReturnPolicy.QuietAllocatedBytes));

    [Fact]
    public void A_few_collected_grains_are_not_worth_a_full_collection() =>
        Assert.False(MemoryReturnPolicy.ShouldReturn(MemoryReturnPolicy.MinCollectedGrains - 1, 0));
}
