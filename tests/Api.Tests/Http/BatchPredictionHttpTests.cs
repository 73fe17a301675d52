using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Gaze.Api.Json;
using Gaze.Calibration;
using Gaze.Grains.Prediction;
using Gaze.Models;
using Gaze.Prediction;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.Http.ProblemAssert;

namespace Gaze.Tests.Http;

/// <summary><c>POST /api/session/batch_predict</c> over HTTP: both modes, echoes, errors, replacement, size.</summary>
[Collection(ApiCollection.Name)]
public sealed class BatchPredictionHttpTests(ApiFactory api)
{
    private const string Route = "/api/session/batch_predict";
    private readonly HttpClient _client = api.CreateClient();

    private async Task<HttpResponseMessage> PostAsync(HttpContent content) =>
        await _client.SendAsync(api.Request(HttpMethod.Post, Route, $"198.20.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}", content));

    private async Task CalibrateAsync(string id, IEnumerable<CalibrationSample> samples)
    {
        using var response = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", $"198.20.251.{Random.Shared.Next(1, 250)}",
            CalibrationForm.FromSamples(samples, id).ToContent()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }


    [Fact]
    public async Task An_unknown_calib_id_is_a_404_naming_it()
    {
        using var response = await PostAsync(BatchBody.Json(BatchBody.Ruxailab(NewId("never-calibrated"), BatchBody.FixtureSession)));

        var problem = await IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(["calib_id"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains("never-calibrated", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_by_content_type_is_415()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "text/plain");
        using var response = await PostAsync(content);
        await IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string> BadBodies() => new()
    {
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600}""", "iris_tracking_data" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": []}""", "iris_tracking_data" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}, {"left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "iris_tracking_data[1].left_iris_x" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": "1", "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "iris_tracking_data[0].left_iris_x" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [7]}""", "iris_tracking_data[0]" },
        { """{"calib_id": "x", "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "screen_width" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 0, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "screen_height" },
        { """{"calib_id": "x", "screen_width": "1000", "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "screen_width" },
        { """{"calib_id": 12, "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "calib_id" },
        { """{"calib_id": "../etc", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "calib_id" },
        { """{"calib_id": "x", "model_name": 3, "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "model_name" },
        { """{"fixed_points": [], "calib_points": [], "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "fixed_points" },
        { """{"fixed_points": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}], "calib_points": [], "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "fixed_points[0].point_x" },
        { """{"fixed_points": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4, "point_x": 1, "point_y": 1}], "calib_points": {}, "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "calib_points" },
        { "[1, 2]", "body" },
        { """{"calib_id": "\ud800", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "calib_id" },
        { """{"calib_id": "x", "model_name": "\udc00", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "model_name" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4, "timestamp": "\ud800"}]}""", "iris_tracking_data[0].timestamp" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4, "timestamp": {"ms": 1}}]}""", "iris_tracking_data[0].timestamp" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1e300, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "iris_tracking_data[0].left_iris_x" },
        { """{"calib_id": "x", "screen_width": 1e-300, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "screen_width" },
        { """{"calib_id": "x", "screen_width": 1000, "screen_height": 2e6, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "screen_height" },
        { """{"fixed_points": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4, "point_x": -1e200, "point_y": 1}], "calib_points": [], "screen_width": 1000, "screen_height": 600, "iris_tracking_data": [{"left_iris_x": 1, "left_iris_y": 2, "right_iris_x": 3, "right_iris_y": 4}]}""", "fixed_points[0].point_x" },
    };

    [Fact]
    public async Task More_calibration_rows_than_the_bound_is_a_400_naming_them()
    {
        var rows = Enumerable.Range(0, SampleArrays.MaxCalibrationRows + 1).Select(i => new CalibrationSample(300 + i % 7, 240, 250, 241, 100 * (i % 9), 500));
        var body = BatchBody.Stateless(rows, [], BatchBody.FixtureSession);

        using var response = await PostAsync(BatchBody.Json(body));

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["fixed_points"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains($"at most {SampleArrays.MaxCalibrationRows}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Null_stateless_fields_mean_the_stored_mode()
    {
        var body = BatchBody.Ruxailab(NewId("null-stateless"), BatchBody.FixtureSession);
        body["fixed_points"] = null;
        body["calib_points"] = null;

        using var response = await PostAsync(BatchBody.Json(body));

        await IsProblemAsync(response, HttpStatusCode.NotFound); // looked up by calib_id, which was never calibrated
    }

    [Fact]
    public async Task A_stateless_calibration_with_one_row_is_answered_not_failed()
    {
        var body = BatchBody.Stateless([new CalibrationSample(0.3, 0.4, 0.6, 0.4, 100, 100)], [[0.3, 0.4, 0.6, 0.4]], BatchBody.FixtureSession, "Support Vector Regressor");

        var answer = await JsonAsync(await PostAsync(BatchBody.Json(body)));

        Assert.Equal(3, answer.GetProperty("predictions").GetArrayLength());
        Assert.Equal(1, answer.GetProperty("metrics").GetProperty("calibration").GetProperty("samples").GetInt32());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_field_is_a_400_naming_it(string body, string field)
    {
        using var response = await PostAsync(BatchBody.Json(body));

        var problem = await IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(field, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Timestamps_and_screen_sizes_are_echoed_exactly_as_sent()
    {
        var id = NewId("echo");
        await CalibrateAsync(id, UpstreamFixture.Samples());
        JsonNode?[] timestamps = [1750262400123L, 12.5, null, "t-3"];
        var body = BatchBody.Ruxailab(id, [.. BatchBody.FixtureSession, BatchBody.FixtureSession[0]], timestamp: i => timestamps[i]?.DeepClone());
        body["iris_tracking_data"]![1]!.AsObject().Remove("timestamp"); // an absent timestamp comes back as null
        var text = body.ToJsonString().Replace("\"screen_width\":1000", "\"screen_width\":1000.0");

        using var response = await PostAsync(BatchBody.Json(text));

        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = JsonDocument.Parse(raw).RootElement.EnumerateArray().ToArray();
        Assert.Equal(1750262400123L, points[0].GetProperty("timestamp").GetInt64());
        Assert.Equal(JsonValueKind.Null, points[1].GetProperty("timestamp").ValueKind);
        Assert.Equal(JsonValueKind.Null, points[2].GetProperty("timestamp").ValueKind);
        Assert.Equal("t-3", points[3].GetProperty("timestamp").GetString());
        Assert.Contains("\"timestamp\":1750262400123,", raw);
        Assert.Equal(4, CountOf(raw, "\"screen_width\":1000.0,"));
        Assert.Equal(4, CountOf(raw, "\"screen_height\":600}"));
    }

    [Fact]
    public async Task An_unknown_model_name_predicts_as_linear_regression()
    {
        var id = NewId("unknown-model");
        await CalibrateAsync(id, UpstreamFixture.Samples());

        var unknown = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: "Deep Gaze 9000"))));
        var linear = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: "Linear Regression"))));

        Assert.Equal(BatchBody.Column(linear, "predicted_x"), BatchBody.Column(unknown, "predicted_x"));
        Assert.Equal(BatchBody.Column(linear, "predicted_y"), BatchBody.Column(unknown, "predicted_y"));
    }

    [Fact]
    public async Task Auto_calibrates_each_axis_with_the_best_model_and_its_batches_reuse_them()
    {
        var id = NewId("auto");
        using var calibrated = await _client.SendAsync(api.Request(HttpMethod.Post, "/api/session/calib_validation", $"198.20.252.{Random.Shared.Next(1, 250)}",
            CalibrationForm.FromSamples(UpstreamFixture.Samples(), id, model: ModelRegistry.Auto).ToContent()));
        Assert.Equal(HttpStatusCode.OK, calibrated.StatusCode);
        var header = Assert.Single(calibrated.Headers.GetValues("X-Calibration-Model"));
        var models = Regex.Match(header, "^x=\"(?<x>[A-Za-z ]+)\", y=\"(?<y>[A-Za-z ]+)\"$");
        Assert.True(models.Success, header);
        var (modelX, modelY) = (models.Groups["x"].Value, models.Groups["y"].Value);
        Assert.True(ModelRegistry.IsKnown(modelX) && ModelRegistry.IsKnown(modelY), header);

        var auto = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: ModelRegistry.Auto))));
        var asX = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: modelX))));
        var asY = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: modelY))));

        Assert.Equal(BatchBody.Column(asX, "predicted_x"), BatchBody.Column(auto, "predicted_x"));
        Assert.Equal(BatchBody.Column(asY, "predicted_y"), BatchBody.Column(auto, "predicted_y"));
    }

    [Fact]
    public async Task Auto_in_a_stateless_batch_is_a_422_saying_it_needs_a_stored_calibration()
    {
        var body = BatchBody.Stateless(UpstreamFixture.Samples(), [], BatchBody.FixtureSession, ModelRegistry.Auto);

        using var response = await PostAsync(BatchBody.Json(body));

        var problem = await IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("stored calibration", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_session_sent_again_is_answered_from_the_cached_mapping()
    {
        var id = NewId("cached");
        await CalibrateAsync(id, UpstreamFixture.Samples());
        var body = BatchBody.Ruxailab(id, BatchBody.FixtureSession, model: "Random Forest Regressor");
        var cache = api.Services.GetRequiredService<GazeMappingCache>();

        var fitsBefore = cache.Fits;
        using var first = await PostAsync(BatchBody.Json(body));
        using var second = await PostAsync(BatchBody.Json(body));
        var fits = cache.Fits - fitsBefore;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(1, fits); // the api collection runs one test at a time, and this calibration id is this test's own
    }

    [Fact]
    public async Task A_replaced_calibration_is_used_from_the_next_batch_on()
    {
        var id = NewId("replaced");
        var original = UpstreamFixture.Samples();
        await CalibrateAsync(id, original);
        var before = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession))));

        // The same iris data now calibrated against horizontally mirrored targets.
        var mirrored = original.Select(s => s with { PointX = 1000 - s.PointX }).ToArray();
        await CalibrateAsync(id, mirrored);
        var after = await JsonAsync(await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, BatchBody.FixtureSession))));

        var expected = GazeMapping.Fit(mirrored, "Linear Regression", 1000, 600, GazeMappingKind.StoredCalibration).Predict(EyePositions.FromRows(BatchBody.FixtureSession));
        Assert.Equal(expected.X, BatchBody.Column(after, "predicted_x"));
        Assert.NotEqual(BatchBody.Column(before, "predicted_x"), BatchBody.Column(after, "predicted_x"));
    }

    [Fact]
    public async Task The_stateless_mode_answers_predictions_and_calibration_metrics()
    {
        var calibration = UpstreamFixture.Samples();
        var validation = calibration.Select(s => new[] { s.LeftX, s.LeftY, s.RightX, s.RightY }).ToArray(); // 3 samples per target, in target order
        var body = BatchBody.Stateless(calibration, validation, BatchBody.FixtureSession, "Ridge Regression", i => i);

        var answer = await JsonAsync(await PostAsync(BatchBody.Json(body)));

        Assert.Equal(["predictions", "metrics"], answer.EnumerateObject().Select(p => p.Name));
        var predictions = answer.GetProperty("predictions");
        Assert.Equal(3, predictions.GetArrayLength());
        Assert.Equal([0, 1, 2], predictions.EnumerateArray().Select(p => p.GetProperty("timestamp").GetInt32()));
        var mapping = GazeMapping.Fit(calibration, "Ridge Regression", 1000, 600, GazeMappingKind.Stateless);
        Assert.Equal(mapping.Predict(EyePositions.FromRows(BatchBody.FixtureSession)).X, BatchBody.Column(predictions, "predicted_x"));

        var metrics = answer.GetProperty("metrics");
        Assert.Equal(3, metrics.GetProperty("session").GetProperty("prediction_count").GetInt32());
        var quality = metrics.GetProperty("calibration");
        var expected = ValidationMetricsCalculator.Compute(mapping, calibration, EyePositions.FromRows(validation));
        Assert.Equal(15, quality.GetProperty("samples").GetInt32());
        Assert.Equal(5, quality.GetProperty("points").GetInt32());
        Assert.Equal(expected.MeanErrorPx, quality.GetProperty("mean_error_px").GetDouble());
        Assert.Equal(expected.Quality, quality.GetProperty("quality").GetString());
        Assert.Equal(5, quality.GetProperty("points_detail").GetArrayLength());
        Assert.Equal(100, quality.GetProperty("points_detail")[0].GetProperty("target_x").GetDouble());
    }

    [Fact]
    public async Task The_stateless_mode_with_no_validation_samples_reports_unknown_quality()
    {
        var body = BatchBody.Stateless(UpstreamFixture.Samples(), [], BatchBody.FixtureSession);

        var answer = await JsonAsync(await PostAsync(BatchBody.Json(body)));

        var quality = answer.GetProperty("metrics").GetProperty("calibration");
        Assert.Equal("Unknown", quality.GetProperty("quality").GetString());
        Assert.Equal(JsonValueKind.Null, quality.GetProperty("mean_error_px").ValueKind);
        Assert.Equal(0, quality.GetProperty("points_detail").GetArrayLength());
        Assert.Equal(0, quality.GetProperty("samples").GetInt32());
        Assert.Equal(UpstreamFixture.Samples().Select(s => (s.PointX, s.PointY)).Distinct().Count(), quality.GetProperty("points").GetInt32());
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("predictions")[0].GetProperty("timestamp").ValueKind);
    }

    [Fact]
    public async Task A_batch_of_100000_samples_is_predicted()
    {
        var id = NewId("large");
        await CalibrateAsync(id, UpstreamFixture.Samples());
        var random = new Random(5);
        var samples = Enumerable.Range(0, 100_000).Select(_ => new[] { 0.2 + random.NextDouble() * 0.6, 0.3 + random.NextDouble() * 0.4, 0.5 + random.NextDouble() * 0.4, 0.3 + random.NextDouble() * 0.4 }).ToArray();

        using var response = await PostAsync(BatchBody.Json(BatchBody.Ruxailab(id, samples)));

        var points = await JsonAsync(response);
        Assert.Equal(100_000, points.GetArrayLength());
        Assert.Equal(1750262400123L + 33 * 99_999, points[99_999].GetProperty("timestamp").GetInt64());
        Assert.All(points.EnumerateArray(), p => Assert.InRange(p.GetProperty("predicted_x").GetDouble(), 0, 1000));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
