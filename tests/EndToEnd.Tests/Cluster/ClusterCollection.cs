namespace Gaze.Tests.Cluster;

/// <summary>
/// The cluster tests run one at a time: each starts a Redis server and four .NET processes, and two
/// at once beside the other test assemblies would overload two cores and blur their timings.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
