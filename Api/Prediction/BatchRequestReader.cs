using System.Runtime.InteropServices;
using System.Text.Json;
using Gaze.Api.Calibration;
using Gaze.Api.Json;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Interfaces.Prediction;

namespace Gaze.Api.Prediction;

/// <summary>
/// Reads a <c>batch_predict</c> body (README.md, "Batch prediction"). The mode is chosen by the body: both
/// <c>fixed_points</c> and <c>calib_points</c> present means stateless, otherwise a stored
/// calibration is named by <c>calib_id</c>. Collects every problem so one 400 names them all.
/// </summary>
public static class BatchRequestReader
{
    public static (BatchRequest? Request, JsonFields Fields) Read(JsonElement body)
    {
        var fields = new JsonFields();
        if (body.ValueKind != JsonValueKind.Object)
        {
            fields.Fail<object>("body", $"must be a JSON object, not {JsonFields.Describe(body)}");
            return (null, fields);
        }

        // A null counts as absent: clients that serialise unset optional fields as null stay in stored mode.
        var hasCalibration = Present(body, "fixed_points", out var fixedPoints);
        var hasValidation = Present(body, "calib_points", out var calibPoints);
        var stateless = hasCalibration && hasValidation;

        var timestamps = new JsonElement?[Length(body, "iris_tracking_data")];
        var samples = SampleArrays.Read(Property(body, "iris_tracking_data"), "iris_tracking_data", SampleArrays.IrisFields, allowEmpty: false, fields,
            (index, sample) => timestamps[index] = Timestamp(sample, index, fields));
        var width = ScreenSize(body, "screen_width", fields);
        var height = ScreenSize(body, "screen_height", fields);
        var model = body.TryGetProperty("model_name", out var name) ? fields.NullableString(name, "model_name") : null;
        var calibrationId = stateless ? null : CalibrationId(body, fields);
        var calibration = stateless ? Stateless(fixedPoints, calibPoints, fields) : null;

        if (fields.Errors.Count > 0 || samples is null || (stateless && calibration is null))
        {
            return (null, fields);
        }

        return (new BatchRequest(Columns(samples), timestamps, width!.Value.Number, height!.Value.Number, width.Value.AsSent, height.Value.AsSent, model, calibrationId, calibration), fields);
    }

    private static StatelessCalibration? Stateless(JsonElement fixedPoints, JsonElement calibPoints, JsonFields fields)
    {
        var calibration = SampleArrays.ReadCalibrationPoints(fixedPoints, "fixed_points", fields);
        var validation = SampleArrays.Read(calibPoints, "calib_points", SampleArrays.IrisFields, allowEmpty: true, fields);
        return calibration is null || validation is null ? null : new StatelessCalibration(ImmutableCollectionsMarshal.AsImmutableArray(calibration), Columns(validation));
    }

    private static string? CalibrationId(JsonElement body, JsonFields fields)
    {
        if (!body.TryGetProperty("calib_id", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fields.Fail<string>("calib_id", "is required: the id (file_name) of a stored calibration; or send fixed_points and calib_points for a stateless prediction");
        }

        return CalibrationIds.Read(value, "calib_id", fields);
    }

    private static (double Number, JsonElement AsSent)? ScreenSize(JsonElement body, string field, JsonFields fields)
    {
        if (!body.TryGetProperty(field, out var value))
        {
            return fields.Fail<(double, JsonElement)?>(field, "is required: the target screen size in pixels");
        }

        return fields.ScreenSize(value, field) is { } number ? (number, value) : null;
    }

    /// <summary>
    /// The sample's <c>timestamp</c> to echo, or null when it has none. Echoed values are checked
    /// here, because the answer is streamed: a value that cannot be written must fail before it starts.
    /// </summary>
    private static JsonElement? Timestamp(JsonElement sample, int index, JsonFields fields)
    {
        if (sample.ValueKind != JsonValueKind.Object || !sample.TryGetProperty("timestamp", out var timestamp))
        {
            return null;
        }

        var field = $"iris_tracking_data[{index}].timestamp";
        return timestamp.ValueKind switch
        {
            JsonValueKind.Number or JsonValueKind.Null => timestamp,
            JsonValueKind.String => fields.Text(timestamp, field) is null ? null : timestamp,
            _ => fields.Fail<JsonElement?>(field, $"must be a number, a string or null, not {JsonFields.Describe(timestamp)}"),
        };
    }

    private static bool Present(JsonElement body, string name, out JsonElement value) =>
        body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;

    private static JsonElement Property(JsonElement body, string name) => body.TryGetProperty(name, out var value) ? value : default;

    private static int Length(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 0;

    private static IrisColumns Columns(double[][] columns) => new(
        ImmutableCollectionsMarshal.AsImmutableArray(columns[0]),
        ImmutableCollectionsMarshal.AsImmutableArray(columns[1]),
        ImmutableCollectionsMarshal.AsImmutableArray(columns[2]),
        ImmutableCollectionsMarshal.AsImmutableArray(columns[3]));
}
