using System.Net;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Tests.Upstream;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary>The calibration route over HTTP, including the reference's <c>tests/test_routes.py</c> calibration cases.</summary>
[Collection(ApiCollection.Name)]
public sealed class CalibrationHttpTests(ApiFactory api)
{
    private const string Route = "/api/session/calib_validation";
    private readonly HttpClient _client = api.CreateClient();
    private int _peer = Random.Shared.Next(1, 200);

    private Task<HttpResponseMessage> PostAsync(CalibrationForm form) =>
        _client.SendAsync(api.Request(HttpMethod.Post, Route, $"198.18.{Interlocked.Increment(ref _peer) % 250}.{Random.Shared.Next(1, 250)}", form.ToContent()));

    private static CalibrationForm Fixture(string id) => CalibrationForm.FromSamples(UpstreamFixture.Samples(), id);

    // test_calib_validation
    [Fact]
    public async Task The_web_fronts_form_gets_keys_per_target_and_centroids()
    {
        using var response = await PostAsync(Fixture("test_session_123"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("test_session_123", Header(response, "X-Calibration-Id"));
        Assert.Equal("x=\"Linear Regression\", y=\"Linear Regression\"", Header(response, "X-Calibration-Model"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("centroids", body.EnumerateObject().Last().Name);
        Assert.Equal(2, body.GetProperty("centroids").GetArrayLength());
        foreach (var byX in body.EnumerateObject().SkipLast(1))
        {
            Assert.Contains(byX.Name, new[] { "100", "500", "900" });
            foreach (var target in byX.Value.EnumerateObject())
            {
                Assert.Equal(JsonValueKind.Array, target.Value.GetProperty("predicted_x").ValueKind);
                Assert.Equal(target.Value.GetProperty("predicted_x").GetArrayLength(), target.Value.GetProperty("predicted_y").GetArrayLength());
                Assert.Equal(JsonValueKind.Number, target.Value.GetProperty("Accuracy").ValueKind);
            }
        }
    }

    [Fact]
    public async Task A_null_model_means_linear_regression_and_every_model_name_is_accepted()
    {
        using var nullModel = await PostAsync(Fixture("null-model").Set("model", null));
        Assert.Equal(HttpStatusCode.OK, nullModel.StatusCode);
        using var bayes = await PostAsync(Fixture("bayes").Set("model", "Bayesian Ridge"));
        Assert.Equal(HttpStatusCode.OK, bayes.StatusCode);
    }

    // test_calib_validation_fails_without_data: the reference answered 400 (or 500); we always answer 400 naming the fields.
    [Fact]
    public async Task An_empty_form_is_a_400_naming_every_required_field()
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, Route, "198.18.252.1", new FormUrlEncodedContent([])));
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!).ToArray();
        Assert.Equal(["from_ruxailab", "file_name", "fixed_circle_iris_points", "calib_circle_iris_points", "screen_height", "screen_width", "k"], fields);
    }

    [Fact]
    public async Task A_multipart_body_without_parts_is_a_400_naming_the_body()
    {
        using var response = await PostAsync(new CalibrationForm());
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!));
    }

    [Fact]
    public async Task A_ruxailab_calibration_without_a_webhook_configured_still_succeeds()
    {
        using var response = await PostAsync(Fixture("no-webhook").Set("from_ruxailab", true));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // test_calib_validation_rejects_get
    [Fact]
    public async Task Get_is_405()
    {
        using var response = await _client.GetAsync(Route);
        await IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Theory]
    [InlineData("file_name", "\"../etc/passwd\"")]
    [InlineData("file_name", "\"..\"")]
    [InlineData("file_name", "test_session")]
    [InlineData("k", "0")]
    [InlineData("k", "2.5")]
    [InlineData("k", "\"2\"")]
    [InlineData("screen_width", "-1")]
    [InlineData("from_ruxailab", "\"yes\"")]
    [InlineData("user_id", "{}")]
    [InlineData("fixed_circle_iris_points", "[]")]
    [InlineData("fixed_circle_iris_points", "[{\"left_iris_x\": 1}]")]
    [InlineData("fixed_circle_iris_points", "[{\"left_iris_x\": \"a\", \"left_iris_y\": 1, \"right_iris_x\": 1, \"right_iris_y\": 1, \"point_x\": 1, \"point_y\": 1}]")]
    [InlineData("calib_circle_iris_points", "{\"left_iris_x\": 1}")]
    [InlineData("file_name", "\"\\ud800\"")]
    [InlineData("user_id", "\"\\udc00x\"")]
    [InlineData("screen_height", "0.5")]
    [InlineData("screen_height", "1e300")]
    [InlineData("fixed_circle_iris_points", "[{\"left_iris_x\": 1e300, \"left_iris_y\": 1, \"right_iris_x\": 1, \"right_iris_y\": 1, \"point_x\": 1, \"point_y\": 1}]")]
    public async Task Invalid_fields_are_400_naming_the_field(string field, string value)
    {
        using var response = await PostAsync(Fixture("bad-input").Raw(field, value));
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("fields").EnumerateArray(), f => f.GetString()!.StartsWith(field, StringComparison.Ordinal));
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_unknown_model_is_400_listing_the_accepted_names()
    {
        using var response = await PostAsync(Fixture("bad-model").Set("model", "Deep Magic"));
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Random Forest Regressor", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_target_with_one_sample_is_422()
    {
        var samples = UpstreamFixture.Samples().Append(new CalibrationSample(0.4, 0.4, 0.7, 0.4, 700, 700));
        using var response = await PostAsync(CalibrationForm.FromSamples(samples, "lonely"));
        var problem = await IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("700", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task More_clusters_than_held_out_samples_is_422()
    {
        using var response = await PostAsync(Fixture("too-many-clusters").Set("k", 6));
        var problem = await IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("k = 6", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Url_encoded_forms_work_too()
    {
        var fields = new Dictionary<string, string>
        {
            ["from_ruxailab"] = "false", ["file_name"] = "\"urlencoded\"", ["screen_height"] = "600", ["screen_width"] = "1000", ["k"] = "2",
            ["fixed_circle_iris_points"] = JsonSerializer.Serialize(UpstreamFixture.Samples().Select(s => new
            {
                left_iris_x = s.LeftX, left_iris_y = s.LeftY, right_iris_x = s.RightX, right_iris_y = s.RightY, point_x = s.PointX, point_y = s.PointY,
            })),
            ["calib_circle_iris_points"] = "[]",
        };
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, Route, "198.18.251.1", new FormUrlEncodedContent(fields)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
