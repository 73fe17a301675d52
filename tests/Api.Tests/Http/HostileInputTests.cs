using System.Net;
using System.Text;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Tests.Upstream;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>Regressions for requests an attacker or an unlucky client sends, each once answered 500 or wrongly.</summary>
[Collection(ApiCollection.Name)]
public sealed class HostileInputTests(ApiFactory api)
{
    private const string Calibration = "/api/session/calib_validation";
    private const string Batch = "/api/session/batch_predict";
    private readonly HttpClient _client = api.CreateClient();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null) =>
        _client.SendAsync(api.Request(method, path, $"198.19.{Random.Shared.Next(0, 250)}.{Random.Shared.Next(1, 250)}", content));

    private static string[] Fields(JsonElement problem) => [.. problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!)];

    private static CalibrationForm Fixture(string id) => CalibrationForm.FromSamples(UpstreamFixture.Samples(), id);

    [Fact]
    public async Task A_multipart_body_without_its_closing_boundary_is_a_400_naming_the_body()
    {
        using var content = new StringContent("garbage");
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        using var response = await SendAsync(HttpMethod.Post, Calibration, content);

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], Fields(problem));
        Assert.Equal("/problems/invalid-field", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_id_with_a_trailing_newline_is_refused_and_never_stored()
    {
        using var calibration = await SendAsync(HttpMethod.Post, Calibration, Fixture("probe-nl\n").ToContent());
        Assert.Equal(["file_name"], Fields(await IsProblemAsync(calibration, HttpStatusCode.BadRequest)));

        using var stored = await SendAsync(HttpMethod.Post, Calibration, Fixture("probe-nl").ToContent());
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        using var batch = await SendAsync(HttpMethod.Post, Batch, BatchBody.Json(BatchBody.Ruxailab("probe-nl\n", BatchBody.FixtureSession)));
        Assert.Equal(["calib_id"], Fields(await IsProblemAsync(batch, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_frozen_webcam_calibration_is_answered_with_k_centroids()
    {
        // Every fixed row has the same iris values: every held-out prediction is the same point.
        var frozen = UpstreamFixture.Samples().Select(s => s with { LeftX = 0.4, LeftY = 0.5, RightX = 0.6, RightY = 0.5 });

        using var response = await SendAsync(HttpMethod.Post, Calibration, CalibrationForm.FromSamples(frozen, "frozen-webcam", k: 3).ToContent());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var centroids = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("centroids");
        Assert.Equal(3, centroids.GetArrayLength());
        Assert.Single(centroids.EnumerateArray().Select(c => c.GetRawText()).Distinct());
    }

    [Fact]
    public async Task A_calibration_on_one_target_is_never_a_500()
    {
        var oneTarget = UpstreamFixture.Samples().Select(s => s with { PointX = 500, PointY = 300 });

        using var response = await SendAsync(HttpMethod.Post, Calibration, CalibrationForm.FromSamples(oneTarget, "one-target", k: 2).ToContent());

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.UnprocessableEntity, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task A_field_sent_twice_is_a_400_naming_it()
    {
        using var content = Fixture("twice").ToContent();
        content.Add(new StringContent("\"twice-again\""), "file_name");

        using var response = await SendAsync(HttpMethod.Post, Calibration, content);

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["file_name"], Fields(problem));
        Assert.Contains("sent 2 times", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Field_names_match_exactly()
    {
        using var content = Fixture("cased").Without("file_name").ToContent();
        content.Add(new StringContent("\"cased\""), "File_Name");

        using var response = await SendAsync(HttpMethod.Post, Calibration, content);

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["file_name"], Fields(problem));
        Assert.Contains("file_name: is required", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_calibration_post_without_body_or_content_type_names_every_missing_field()
    {
        using var response = await SendAsync(HttpMethod.Post, Calibration);

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            ["from_ruxailab", "file_name", "fixed_circle_iris_points", "calib_circle_iris_points", "screen_height", "screen_width", "k"],
            Fields(problem));
    }

    [Fact]
    public async Task A_batch_post_without_body_or_content_type_is_a_400_naming_the_body()
    {
        using var response = await SendAsync(HttpMethod.Post, Batch);

        Assert.Equal(["body"], Fields(await IsProblemAsync(response, HttpStatusCode.BadRequest)));
    }

    [Fact]
    public async Task A_stateless_batch_with_fewer_validation_samples_than_targets_keeps_the_counts()
    {
        var calibration = UpstreamFixture.Samples();
        var targets = calibration.Select(s => (s.PointX, s.PointY)).Distinct().Count();
        Assert.True(targets > 2);

        using var response = await SendAsync(HttpMethod.Post, Batch, BatchBody.Json(BatchBody.Stateless(calibration, BatchBody.FixtureSession[..2], BatchBody.FixtureSession)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("metrics").GetProperty("calibration");
        Assert.Equal(0, metrics.GetProperty("samples").GetInt32());
        Assert.Equal(targets, metrics.GetProperty("points").GetInt32());
        Assert.Equal("Unknown", metrics.GetProperty("quality").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/session/nothing-here", HttpStatusCode.NotFound, "/problems/not-found")]
    [InlineData("DELETE", Calibration, HttpStatusCode.MethodNotAllowed, "/problems/method-not-allowed")]
    [InlineData("PUT", "/api/session/health", HttpStatusCode.MethodNotAllowed, "/problems/method-not-allowed")]
    public async Task Framework_errors_use_the_services_problem_types(string method, string path, HttpStatusCode status, string type)
    {
        using var response = await SendAsync(new HttpMethod(method), path);

        Assert.Equal(type, (await IsProblemAsync(response, status)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Every_problem_type_is_a_page_the_service_serves()
    {
        using var index = await SendAsync(HttpMethod.Get, "/problems");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        var listing = await index.Content.ReadAsStringAsync();
        foreach (var type in new[] { "invalid-field", "not-found", "method-not-allowed", "request-timeout", "payload-too-large", "unsupported-media-type", "rate-limited", "busy", "internal-error" })
        {
            Assert.Contains($"href=\"/problems/{type}\"", listing);
            using var page = await SendAsync(HttpMethod.Get, "/problems/" + type);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        using var unknown = await SendAsync(HttpMethod.Get, "/problems/no-such-type");
        Assert.Equal("/problems/not-found", (await IsProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_form_field_is_a_400_naming_the_field()
    {
        using var content = Fixture("utf8").Without("user_id").ToContent();
        content.Add(new ByteArrayContent([(byte)'"', 0xC3, 0x28, (byte)'"']), "user_id");

        using var response = await SendAsync(HttpMethod.Post, Calibration, content);

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["user_id"], Fields(problem));
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_form_as_urlencoded_is_read_like_multipart()
    {
        using var content = new FormUrlEncodedContent([new("file_name", "\"urlencoded\""), new("k", "2")]);

        using var response = await SendAsync(HttpMethod.Post, Calibration, content);

        var fields = Fields(await IsProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.DoesNotContain("file_name", fields);
        Assert.DoesNotContain("k", fields);
        Assert.Contains("fixed_circle_iris_points", fields);
    }
}
