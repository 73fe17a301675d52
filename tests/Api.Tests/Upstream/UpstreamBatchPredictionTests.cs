using System.Net;
using System.Text.Json;
using Gaze.Prediction;
using Gaze.Tests.Http;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Upstream;

/// <summary>
/// Port of the batch cases of the reference's <c>tests/test_routes.py</c> and the
/// <c>predict_new_data_simple</c> cases of <c>tests/test_gaze_tracker.py</c> (its squash cases are
/// engine tests, in <c>UpstreamSquashTests</c>). The reference read its calibration from a CSV the
/// test wrote; here it is stored by calibrating over HTTP first.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UpstreamBatchPredictionTests(ApiFactory api)
{
    private const string Route = "/api/session/batch_predict";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<HttpResponseMessage> PostAsync(HttpContent content) =>
        await _client.SendAsync(api.Request(HttpMethod.Post, Route, $"198.19.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", content));

    private async Task CalibrateFixtureAsync(string id)
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", $"198.19.251.{Random.Shared.Next(1, 250)}",
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), id).ToContent()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    // test_predict_new_data: three samples, timestamps 0/100/200, the default model.
    [Fact]
    public async Task Predicting_new_data_gives_one_point_per_sample_with_its_timestamp()
    {
        var id = "predict-new-" + Guid.NewGuid().ToString("N");
        await CalibrateFixtureAsync(id);
        var body = BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: null, timestamp: i => i * 100);
        body.Remove("model_name");

        using var response = await PostAsync(BatchBody.Json(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(JsonValueKind.Array, points.ValueKind);
        Assert.Equal(3, points.GetArrayLength());
        Assert.Equal([0, 100, 200], points.EnumerateArray().Select(p => p.GetProperty("timestamp").GetInt32()));
        Assert.All(points.EnumerateArray(), p =>
        {
            Assert.Equal(JsonValueKind.Number, p.GetProperty("predicted_x").ValueKind);
            Assert.Equal(JsonValueKind.Number, p.GetProperty("predicted_y").ValueKind);
        });
    }

    // test_predict_new_data_preserves_screen_size
    [Fact]
    public async Task Predicting_new_data_echoes_the_screen_size()
    {
        var id = "screen-size-" + Guid.NewGuid().ToString("N");
        await CalibrateFixtureAsync(id);

        using var response = await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, width: 1920, height: 1080, timestamp: i => i * 100)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.All(points.EnumerateArray(), p =>
        {
            Assert.Equal(1920, p.GetProperty("screen_width").GetInt32());
            Assert.Equal(1080, p.GetProperty("screen_height").GetInt32());
        });
    }

    // test_batch_predict_needs_calib_id
    [Fact]
    public async Task A_batch_without_calib_id_is_a_400_naming_it()
    {
        using var response = await PostAsync(BatchBody.Json("""
            {"iris_tracking_data": [{"left_iris_x": 0.3, "left_iris_y": 0.4, "right_iris_x": 0.6, "right_iris_y": 0.4, "timestamp": 100}], "screen_width": 1920, "screen_height": 1080}
            """));

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["calib_id"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }

    // test_batch_predict_full_flow: the fixture calibration at 1000 x 600, two samples.
    [Fact]
    public async Task The_full_flow_predicts_each_sample_with_the_stored_calibration()
    {
        const string id = "integration_test_batch";
        await CalibrateFixtureAsync(id);
        double[][] session = [BatchBody.FixtureSession[0], BatchBody.FixtureSession[1]];

        using var response = await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, session, timestamp: i => 100 * (i + 1))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, points.GetArrayLength());
        foreach (var point in points.EnumerateArray())
        {
            Assert.True(point.TryGetProperty("predicted_x", out _));
            Assert.True(point.TryGetProperty("predicted_y", out _));
            Assert.True(point.TryGetProperty("timestamp", out _));
        }

        // And the values are the engine's, whose parity with scikit-learn PredictionParityTests checks.
        var expected = GazeMapping.Fit(UpstreamFixture.Samples(), "Linear Regression", 1000, 600, GazeMappingKind.StoredCalibration)
            .Predict(EyePositions.FromRows(session));
        Assert.Equal(expected.X, BatchBody.Column(points, "predicted_x"));
        Assert.Equal(expected.Y, BatchBody.Column(points, "predicted_y"));
    }

    // test_batch_predict_rejects_get
    [Fact]
    public async Task Get_is_405()
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Get, Route, "198.19.252.1"));
        await IsProblemAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", Header(response, "Allow"));
    }

    // test_batch_predict_handles_bad_json: the reference answered 500; a client mistake is a 400 naming the body.
    [Fact]
    public async Task Bad_json_is_a_400_naming_the_body()
    {
        using var response = await PostAsync(BatchBody.Json("not json"));
        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["body"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
    }
}
