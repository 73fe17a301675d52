using System.Net;
using Gaze.Calibration;
using Gaze.Tests.Http;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Calibrations live in Redis, not on a node: any API node predicts with one stored through another,
/// sees its replacement on the next batch (per-node mapping caches key on the revision), and keeps
/// answering the same after a silo is killed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterCalibrationTests
{
    public static TheoryData<string> Backends => RedisBackends.Available();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_calibration_stored_through_one_node_serves_the_other_node_also_when_replaced_and_after_a_silo_is_killed(string backend)
    {
        await using var redis = await RedisBackends.StartAsync(backend);
        await using var cluster = await ServiceCluster.StartAsync(redis, silos: 2, apiNodes: 2, role: "client", ClusterSettings.RateLimits);
        var (first, second) = (cluster.Clients()[0], cluster.Clients()[1]);
        var id = "cluster-" + Guid.NewGuid().ToString("N");
        var batch = BatchBody.Ruxailab(id, BatchBody.FixtureSession).ToJsonString();

        await CalibrateAsync(first, id, UpstreamFixture.Samples());
        var original = await ClusterRequests.PredictAsync(first, batch, cluster);
        Assert.Equal(original, await ClusterRequests.PredictAsync(second, batch, cluster));

        // The same id calibrated again with every target moved: the other node's next batch uses it.
        await CalibrateAsync(first, id, [.. UpstreamFixture.Samples().Select(s => s with { PointX = s.PointX + 40, PointY = s.PointY + 30 })]);
        var replaced = await ClusterRequests.PredictAsync(second, batch, cluster);
        Assert.NotEqual(original, replaced);
        Assert.Equal(replaced, await ClusterRequests.PredictAsync(first, batch, cluster));

        // Calls routed to the killed silo fail until membership declares it dead (about 2 s here).
        await cluster.Silos[0].KillAsync();
        Assert.Equal(HttpStatusCode.OK, await ClusterRequests.EventuallyAsync(() => ClusterRequests.BatchStatusAsync(second, batch), HttpStatusCode.OK));
        Assert.Equal(replaced, await ClusterRequests.PredictAsync(second, batch, cluster));
    }

    private static async Task CalibrateAsync(HttpClient node, string id, IEnumerable<CalibrationSample> samples) =>
        Assert.Equal(HttpStatusCode.OK, await ClusterRequests.CalibrateAsync(node, id, samples));
}
