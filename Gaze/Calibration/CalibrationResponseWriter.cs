using System.Text.Json.Nodes;

namespace Gaze.Calibration;

/// <summary>
/// Shapes a calibration into the response the web front reads:
/// <c>{ "&lt;tx&gt;": { "&lt;ty&gt;": { predicted_x, predicted_y, PrecisionSD, Accuracy } }, ..., "centroids": [[x, y], ...] }</c>.
/// </summary>
/// <remarks>
/// Keys are Python-truncated coordinates (<see cref="PythonKeys"/>). Targets arrive in ascending
/// (x, y) order; when two targets truncate to the same keys the later one replaces the earlier in
/// its place, as the reference's dict assignment did. Non-finite numbers become null.
/// </remarks>
public static class CalibrationResponseWriter
{
    public static string ToJson(CalibrationOutcome outcome)
    {
        var response = new JsonObject();
        foreach (var target in outcome.Targets)
        {
            var outerKey = PythonKeys.For(target.TrueX);
            if (response[outerKey] is not JsonObject byY)
            {
                byY = new JsonObject();
                response[outerKey] = byY;
            }

            byY[PythonKeys.For(target.TrueY)] = new JsonObject
            {
                ["predicted_x"] = Numbers(target.PredictedX),
                ["predicted_y"] = Numbers(target.PredictedY),
                ["PrecisionSD"] = Number(target.PrecisionSd),
                ["Accuracy"] = Number(target.Accuracy),
            };
        }

        response["centroids"] = new JsonArray([.. outcome.Centroids.Select(centroid => (JsonNode)Numbers(centroid))]);
        return response.ToJsonString();
    }

    private static JsonArray Numbers(IEnumerable<double> values) => new([.. values.Select(Number)]);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;
}
