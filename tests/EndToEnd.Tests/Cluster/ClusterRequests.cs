using System.Net;
using Gaze.Calibration;
using Gaze.Tests.Http;

namespace Gaze.Tests.Cluster;

/// <summary>The requests the cluster tests send, each answered with what the test checks.</summary>
public static class ClusterRequests
{
    /// <summary>Requests sent at once in one window of the exactness checks.</summary>
    public const int Concurrent = 64;

    /// <summary>
    /// <see cref="Concurrent"/> body-less calibration requests at once, spread over the nodes: all from
    /// the same loopback client key. Admitted is 400 (the missing fields), denied 429.
    /// </summary>
    public static async Task<HttpStatusCode[]> RoundAsync(HttpClient[] nodes) =>
        await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(async i =>
        {
            using var response = await nodes[i % nodes.Length].PostAsync("/api/session/calib_validation", content: null);
            return response.StatusCode;
        }));

    /// <summary>Calibrates <paramref name="samples"/> under <paramref name="id"/>; the status of the answer.</summary>
    public static async Task<HttpStatusCode> CalibrateAsync(HttpClient node, string id, IEnumerable<CalibrationSample> samples)
    {
        using var response = await node.PostAsync("/api/session/calib_validation", CalibrationForm.FromSamples(samples, id).ToContent());
        return response.StatusCode;
    }

    /// <summary>The status of a batch's answer.</summary>
    public static async Task<HttpStatusCode> BatchStatusAsync(HttpClient node, string batch)
    {
        using var response = await node.PostAsync("/api/session/batch_predict", BatchBody.Json(batch));
        return response.StatusCode;
    }

    /// <summary>The answer to a batch, which must be a 200.</summary>
    public static async Task<string> PredictAsync(HttpClient node, string batch, ServiceCluster cluster)
    {
        using var response = await node.PostAsync("/api/session/batch_predict", BatchBody.Json(batch));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"batch: {(int)response.StatusCode} {body}\n{cluster.Describe()}");
        return body;
    }

    /// <summary>
    /// Repeats <paramref name="attempt"/> until it answers <paramref name="wanted"/>, bounded (60 s) so a
    /// service that never recovers fails the test; the last status.
    /// </summary>
    public static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpStatusCode>> attempt, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var status = await attempt();
        while (status != wanted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            status = await attempt();
        }

        return status;
    }
}
