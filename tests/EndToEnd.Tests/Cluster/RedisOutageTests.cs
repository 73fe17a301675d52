using System.Net;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Tests.Http;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Redis stopped and started again under a running cluster: while it is down a calibration that
/// cannot be stored is a 503 with <c>Retry-After</c> (never a 200, never a 500), a client whose
/// windows must be read first meets the limiter's failure policy, health stays 200 and what is in
/// memory keeps answering; when it is back, everything works again by itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisOutageTests
{
    [RedisServerFact]
    public async Task A_redis_restart_answers_503_while_down_and_recovers_by_itself()
    {
        await using var redis = await RedisServerBackend.StartAsync(persistent: true);
        await using var cluster = await ServiceCluster.StartAsync(redis, silos: 2, apiNodes: 2, role: "client", ClusterSettings.RateLimits);
        var clients = cluster.Clients();
        var stored = "outage-stored-" + Guid.NewGuid().ToString("N");
        var during = "outage-during-" + Guid.NewGuid().ToString("N");
        var storedBatch = BatchBody.Ruxailab(stored, BatchBody.FixtureSession).ToJsonString();
        Assert.Equal(HttpStatusCode.OK, await ClusterRequests.CalibrateAsync(clients[0], stored, UpstreamFixture.Samples()));
        var before = await ClusterRequests.PredictAsync(clients[1], storedBatch, cluster);

        await redis.StopAsync();
        using (var unstored = await clients[0].PostAsync("/api/session/calib_validation", Form(during)))
        {
            var body = await unstored.Content.ReadAsStringAsync();
            Assert.True(unstored.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)unstored.StatusCode} {body}\n{cluster.Describe()}");
            Assert.Equal("5", unstored.Headers.RetryAfter?.ToString());
            Assert.Equal("/problems/storage-unavailable", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        }

        foreach (var client in clients)
        {
            using var health = await client.GetAsync("/api/session/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // A client never seen before needs its windows read from Redis: the limiter cannot decide,
        // so the failure policy (closed here) answers.
        using (var newcomer = new HttpRequestMessage(HttpMethod.Post, "/api/session/calib_validation"))
        {
            newcomer.Headers.Add("X-Forwarded-For", "192.0.2.77");
            using var refused = await clients[1].SendAsync(newcomer);
            Assert.True(refused.StatusCode == HttpStatusCode.ServiceUnavailable, $"new key while Redis is down: {(int)refused.StatusCode}\n{cluster.Describe()}");
            Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        }

        // The stored calibration's grain is active, so its batches need no read from Redis.
        Assert.Equal(before, await ClusterRequests.PredictAsync(clients[1], storedBatch, cluster));

        await redis.StartAgainAsync();
        Assert.Equal(HttpStatusCode.OK, await ClusterRequests.EventuallyAsync(() => ClusterRequests.CalibrateAsync(clients[1], during, UpstreamFixture.Samples()), HttpStatusCode.OK));
        var afterBatch = BatchBody.Ruxailab(during, BatchBody.FixtureSession).ToJsonString();
        Assert.Equal(before, await ClusterRequests.PredictAsync(clients[0], afterBatch, cluster)); // same rows, same model: same points
        Assert.Equal(before, await ClusterRequests.PredictAsync(clients[0], storedBatch, cluster));
    }

    private static MultipartFormDataContent Form(string id) => CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent();
}
