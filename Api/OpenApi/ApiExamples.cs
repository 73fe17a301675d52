using System.Text.Json.Nodes;

namespace Gaze.Api.OpenApi;

/// <summary>
/// Valid bodies shown in the document (and sent by its tests): four targets in the corners of a
/// 1280 x 800 page, five samples each, iris positions a plain linear function of the target with
/// a small deterministic jitter, so every model can be fitted and the answer is meaningful.
/// </summary>
public static class ApiExamples
{
    public const string CalibrationId = "example-participant";

    private static readonly (double X, double Y)[] Targets = [(200, 150), (1080, 150), (200, 650), (1080, 650)];

    /// <summary>The form of <c>calib_validation</c>, each value as the JSON it is sent as.</summary>
    public static JsonObject CalibrationForm() => new()
    {
        ["file_name"] = CalibrationId,
        ["fixed_circle_iris_points"] = Samples(offset: 0),
        ["calib_circle_iris_points"] = Samples(offset: 0.5),
        ["screen_width"] = 1280,
        ["screen_height"] = 800,
        ["k"] = 2,
        ["model"] = "Linear Regression",
        ["from_ruxailab"] = false,
        ["user_id"] = "participant-7",
        ["study_id"] = "study-1",
    };

    /// <summary>RUXAILAB's batch: a session's samples mapped with the calibration stored as <see cref="CalibrationId"/>.</summary>
    public static JsonObject StoredBatch() => new()
    {
        ["calib_id"] = CalibrationId,
        ["model_name"] = "Linear Regression",
        ["screen_width"] = 1280,
        ["screen_height"] = 800,
        ["k"] = 2,
        ["iris_tracking_data"] = Session(),
    };

    /// <summary>A batch that brings its calibration rows along and looks nothing up.</summary>
    public static JsonObject StatelessBatch() => new()
    {
        ["model_name"] = "Linear Regression",
        ["screen_width"] = 1280,
        ["screen_height"] = 800,
        ["fixed_points"] = Samples(offset: 0),
        ["calib_points"] = Samples(offset: 0.5),
        ["iris_tracking_data"] = Session(),
    };

    // Looking near the first target, then at the middle of the page.
    private static JsonArray Session() => new(
        new JsonObject { ["timestamp"] = 1767258000000, ["left_iris_x"] = 310.0, ["left_iris_y"] = 206.0, ["right_iris_x"] = 370.3, ["right_iris_y"] = 206.9 },
        new JsonObject { ["timestamp"] = 1767258000033, ["left_iris_x"] = 332.0, ["left_iris_y"] = 216.0, ["right_iris_x"] = 392.3, ["right_iris_y"] = 216.9 });

    private static JsonArray Samples(double offset)
    {
        var samples = new JsonArray();
        foreach (var (x, y) in Targets)
        {
            for (var i = 0; i < 5; i++)
            {
                // Jitter in [-0.8, 0.8] px, different per sample and target, fixed forever.
                var jitter = ((i * 7 + (int)x / 10 + (int)y / 10) % 9 - 4) * 0.2 + offset * 0.1;
                var leftX = 300 + x * 0.05 + jitter;
                var leftY = 200 + y * 0.04 - jitter;
                samples.Add(new JsonObject
                {
                    ["left_iris_x"] = Math.Round(leftX, 2),
                    ["left_iris_y"] = Math.Round(leftY, 2),
                    ["right_iris_x"] = Math.Round(leftX + 60.3, 2),
                    ["right_iris_y"] = Math.Round(leftY + 0.9, 2),
                    ["point_x"] = x,
                    ["point_y"] = y,
                });
            }
        }

        return samples;
    }
}
