using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gaze.Calibration;

namespace Gaze.Tests.Http;

/// <summary>Builds <c>batch_predict</c> bodies as RUXAILAB sends them (<c>{k, screen_height, screen_width, iris_tracking_data, calib_id, model_name}</c>).</summary>
public static class BatchBody
{
    /// <summary>The reference conftest's <c>sample_calib_iris_points</c>.</summary>
    public static readonly double[][] FixtureSession = [[0.35, 0.45, 0.65, 0.45], [0.55, 0.55, 0.85, 0.55], [0.45, 0.50, 0.75, 0.50]];

    public static JsonObject Ruxailab(string calibrationId, IEnumerable<double[]> samples, int width = 1000, int height = 600, string? model = "Linear Regression", Func<int, JsonNode?>? timestamp = null) => new()
    {
        ["k"] = 5,
        ["screen_height"] = height,
        ["screen_width"] = width,
        ["iris_tracking_data"] = Samples(samples, timestamp ?? (i => 1750262400123L + 33 * i)),
        ["calib_id"] = calibrationId,
        ["model_name"] = model,
    };

    /// <summary>A stateless-mode body: calibration rows and validation samples sent with the session, at 1000 x 600.</summary>
    public static JsonObject Stateless(IEnumerable<CalibrationSample> calibration, IEnumerable<double[]> validation, IEnumerable<double[]> session,
        string? model = null, Func<int, JsonNode?>? timestamp = null)
    {
        var body = new JsonObject
        {
            ["fixed_points"] = FixedPoints(calibration),
            ["calib_points"] = Samples(validation),
            ["iris_tracking_data"] = Samples(session, timestamp),
            ["screen_width"] = 1000,
            ["screen_height"] = 600,
        };
        if (model is not null)
        {
            body["model_name"] = model;
        }

        return body;
    }

    public static JsonArray Samples(IEnumerable<double[]> samples, Func<int, JsonNode?>? timestamp = null)
    {
        var array = new JsonArray();
        foreach (var (s, i) in samples.Select((s, i) => (s, i)))
        {
            var sample = new JsonObject { ["left_iris_x"] = s[0], ["left_iris_y"] = s[1], ["right_iris_x"] = s[2], ["right_iris_y"] = s[3] };
            if (timestamp is not null)
            {
                sample["timestamp"] = timestamp(i);
            }

            array.Add(sample);
        }

        return array;
    }

    public static JsonArray FixedPoints(IEnumerable<CalibrationSample> rows) =>
        [.. rows.Select(r => (JsonNode)new JsonObject
        {
            ["left_iris_x"] = r.LeftX, ["left_iris_y"] = r.LeftY, ["right_iris_x"] = r.RightX, ["right_iris_y"] = r.RightY,
            ["point_x"] = r.PointX, ["point_y"] = r.PointY,
        })];

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    public static double[] Column(JsonElement predictions, string name) => [.. predictions.EnumerateArray().Select(p => p.GetProperty(name).GetDouble())];
}
