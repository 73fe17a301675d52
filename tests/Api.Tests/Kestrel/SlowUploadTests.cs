using System.Net;
using System.Text.Json;
using Gaze.Tests.Upstream;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

public sealed class OneSlotKestrelApiFactory : KestrelApiFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Api:MlConcurrency", "1"), new("Api:MlQueueLimit", "0"), new("Api:BodyReadTimeout", "00:00:10")];
}

/// <summary>A client that uploads slowly delays only itself, and only for as long as the body read timeout allows.</summary>
public sealed class SlowUploadTests(OneSlotKestrelApiFactory api) : IClassFixture<OneSlotKestrelApiFactory>
{
    private const string Route = "/api/session/calib_validation";
    private readonly HttpClient _client = api.CreateKestrelClient(TimeSpan.FromSeconds(60));

    private HttpRequestMessage Calibration(string peer, HttpContent content) => api.Request(HttpMethod.Post, Route, peer, content);

    [Fact]
    public async Task A_slow_upload_does_not_hold_the_nodes_only_ml_slot()
    {
        const string slowPeer = "192.0.2.160";
        using var form = CalibrationForm.FromSamples(UpstreamFixture.Samples(), "slow-upload").ToContent();
        using var slow = await TricklingContent.FromAsync(form, sentAtOnce: 512);
        var slowAnswer = _client.SendAsync(Calibration(slowPeer, slow));
        await slow.FirstPartSent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Admitted by the limiter: from here on, a slot taken before the body would already be taken.
        using (var admitted = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (await api.PermitsLeftAsync(_client, slowPeer) == 10)
            {
                await Task.Delay(10, admitted.Token);
            }
        }

        using var quick = await _client.SendAsync(Calibration("192.0.2.161", CalibrationForm.FromSamples(UpstreamFixture.Samples(), "quick-upload").ToContent()));
        Assert.Equal(HttpStatusCode.OK, quick.StatusCode);

        slow.SendRest.SetResult();
        using var slowDone = await slowAnswer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, slowDone.StatusCode);
    }

    [Fact]
    public async Task A_body_that_does_not_arrive_in_time_is_a_408_and_the_connection_is_closed()
    {
        var head = $"""
            POST {Route} HTTP/1.1
            Host: localhost
            {ApiFactory.PeerHeader}: 192.0.2.162
            Content-Type: multipart/form-data; boundary=abc
            Content-Length: 10000

            """;
        var firstPart = System.Text.Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n");

        // Nothing more is sent: the answer comes from the body read timeout (10 s), then the server closes.
        var answer = await RawHttpExchange.SendPartialAsync(api.Address, head, firstPart, TimeSpan.FromSeconds(30));

        Assert.Equal(408, answer.Status);
        Assert.Contains("Connection: close", answer.Head);
        var problem = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal("/problems/request-timeout", problem.GetProperty("type").GetString());
        using var health = await _client.GetAsync("/api/session/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
