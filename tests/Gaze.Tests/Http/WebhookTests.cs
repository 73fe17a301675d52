using System.Net;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Http;

/// <summary>The RUXAILAB webhook against a real receiver on loopback.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private WebhookApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _api = new WebhookApiFactory(_receiver.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private async Task<HttpResponseMessage> CalibrateAsync(string id, bool fromRuxailab, string peer)
    {
        var form = CalibrationForm.FromSamples(UpstreamGazeTrackerTests.FixtureSamples(), id).Set("from_ruxailab", fromRuxailab);
        return await _api.CreateClient().SendAsync(_api.Request(HttpMethod.Post, "/api/session/calib_validation", peer, form.ToContent()));
    }

    [Fact]
    public async Task A_ruxailab_calibration_is_posted_to_receive_calibration()
    {
        using var response = await CalibrateAsync("session-42", fromRuxailab: true, "192.0.2.101");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = Assert.Single(_receiver.Received);
        Assert.Equal("session-42", payload.GetProperty("session_id").GetString());
        Assert.Equal("user-1", payload.GetProperty("user_id").GetString());
        Assert.Equal("study-1", payload.GetProperty("study_id").GetString());
        Assert.Equal("Linear Regression", payload.GetProperty("model").GetString());
        Assert.Equal(600, payload.GetProperty("screen_height").GetDouble());
        Assert.Equal(1000, payload.GetProperty("screen_width").GetDouble());
        Assert.Equal(2, payload.GetProperty("k").GetInt32());
    }

    [Fact]
    public async Task Without_from_ruxailab_nothing_is_posted()
    {
        using var response = await CalibrateAsync("session-43", fromRuxailab: false, "192.0.2.102");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_a_bounded_number_of_times_and_never_fails_the_calibration()
    {
        _receiver.Status = StatusCodes.Status503ServiceUnavailable;
        using var response = await CalibrateAsync("session-44", fromRuxailab: true, "192.0.2.103");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1 + WebhookApiFactory.MaxRetries, _receiver.Received.Count);
    }

    private static class StatusCodes
    {
        public const int Status503ServiceUnavailable = 503;
    }

    private sealed class WebhookApiFactory(string baseUrl) : ApiFactory
    {
        public const int MaxRetries = 2;

        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Webhook:BaseUrl", baseUrl),
            new("Webhook:MaxRetries", MaxRetries.ToString()),
            new("Webhook:RetryDelay", "00:00:00.010"),
            new("Webhook:AttemptTimeout", "00:00:02"),
        ];
    }
}
