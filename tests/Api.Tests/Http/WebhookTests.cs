using System.Net;
using System.Text.Json;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Http;

/// <summary>A real webhook receiver on loopback and an API posting to it, shared by the tests of <see cref="WebhookTests"/>.</summary>
public sealed class WebhookFixture : IAsyncLifetime
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    public ApiFactory Api { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        Api = new WebhookApiFactory(Receiver.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    public sealed class WebhookApiFactory(string baseUrl) : ApiFactory
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

/// <summary>The RUXAILAB webhook against a real receiver on loopback; each test uses its own session id.</summary>
public sealed class WebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private WebhookReceiver Receiver => fixture.Receiver;

    private ApiFactory Service => fixture.Api;

    private JsonElement[] ReceivedFor(string sessionId) =>
        [.. Receiver.Received.Where(payload => payload.GetProperty("session_id").GetString() == sessionId)];

    private async Task<HttpResponseMessage> CalibrateAsync(string id, bool fromRuxailab, string peer)
    {
        var form = CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).Set("from_ruxailab", fromRuxailab);
        return await Service.CreateClient().SendAsync(Service.Request(HttpMethod.Post, "/api/session/calib_validation", peer, form.ToContent()));
    }

    [Fact]
    public async Task A_ruxailab_calibration_is_posted_to_receive_calibration()
    {
        using var response = await CalibrateAsync("session-42", fromRuxailab: true, "192.0.2.101");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var payload = Assert.Single(ReceivedFor("session-42"));
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
        Assert.Empty(ReceivedFor("session-43"));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_a_bounded_number_of_times_and_never_fails_the_calibration()
    {
        Receiver.Status = StatusCodes.Status503ServiceUnavailable;
        try
        {
            using var response = await CalibrateAsync("session-44", fromRuxailab: true, "192.0.2.103");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1 + WebhookFixture.WebhookApiFactory.MaxRetries, ReceivedFor("session-44").Length);
        }
        finally
        {
            Receiver.Status = StatusCodes.Status200OK;
        }
    }

    private static class StatusCodes
    {
        public const int Status200OK = 200;

        public const int Status503ServiceUnavailable = 503;
    }
}
