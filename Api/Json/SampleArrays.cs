using System.Text.Json;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Api.Json;

/// <summary>
/// Reads arrays of iris samples (<c>{left_iris_x, left_iris_y, right_iris_x, right_iris_y[, point_x, point_y]}</c>,
/// extra keys ignored) into one array per coordinate. Every bad value is named by its path, e.g.
/// <c>iris_tracking_data[17].left_iris_x</c>, up to a cap.
/// </summary>
public static class SampleArrays
{
    /// <summary>Cap on listed sample errors: a broken 100,000-sample array should not produce a 100,000-line answer.</summary>
    public const int MaxSampleErrors = 10;

    /// <summary>
    /// Most calibration rows accepted (fixed points, either endpoint): about 60 times a 9 x 90
    /// calibration, and more than a 4 MiB field can hold (a sample takes at least 88 bytes), so
    /// any 4 MiB field of rows is always accepted. Fitting time grows with the square of the rows for SVR
    /// (about 80 s at this size), which the time budgets then cut short.
    /// </summary>
    public const int MaxCalibrationRows = 50_000;

    public static readonly string[] IrisFields = ["left_iris_x", "left_iris_y", "right_iris_x", "right_iris_y"];

    public static readonly string[] TargetFields = [.. IrisFields, "point_x", "point_y"];

    /// <summary>
    /// The columns named by <paramref name="names"/>, or null when <paramref name="value"/> is not an
    /// array (or is empty while <paramref name="allowEmpty"/> is false); errors go to <paramref name="fields"/>.
    /// <paramref name="onSample"/> sees each sample element with its index, e.g. to keep its timestamp.
    /// </summary>
    public static double[][]? Read(JsonElement value, string field, string[] names, bool allowEmpty, JsonFields fields,
        Action<int, JsonElement>? onSample = null, int maxCount = int.MaxValue)
    {
        if (value.ValueKind != JsonValueKind.Array || (!allowEmpty && value.GetArrayLength() == 0))
        {
            return fields.Fail<double[][]>(field, $"must be {(allowEmpty ? "an" : "a non-empty")} array of samples, not {(value.ValueKind == JsonValueKind.Array ? "an empty array" : JsonFields.Describe(value))}");
        }

        if (value.GetArrayLength() > maxCount)
        {
            return fields.Fail<double[][]>(field, $"has {value.GetArrayLength()} samples; at most {maxCount} are accepted");
        }

        // UTF-8 names: looking a property up by string would transcode the name for every sample.
        var utf8Names = names.Select(System.Text.Encoding.UTF8.GetBytes).ToArray();
        var count = value.GetArrayLength();
        var columns = names.Select(_ => new double[count]).ToArray();
        var errorsBefore = fields.Errors.Count;
        var index = 0;
        foreach (var sample in value.EnumerateArray())
        {
            ReadSample(sample, index, field, names, utf8Names, columns, fields);
            onSample?.Invoke(index, sample);
            index++;
            if (fields.Errors.Count - errorsBefore >= MaxSampleErrors)
            {
                fields.Errors.Add(new FieldError(field, "has more invalid samples; fix the ones listed first"));
                break;
            }
        }

        return columns;
    }

    /// <summary>Calibration rows (iris centres and target): non-empty, at most <see cref="MaxCalibrationRows"/>.</summary>
    public static CalibrationPoint[]? ReadCalibrationPoints(JsonElement value, string field, JsonFields fields)
    {
        if (Read(value, field, TargetFields, allowEmpty: false, fields, maxCount: MaxCalibrationRows) is not { } columns)
        {
            return null;
        }

        var points = new CalibrationPoint[columns[0].Length];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = new CalibrationPoint(columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i], columns[5][i]);
        }

        return points;
    }

    private static void ReadSample(JsonElement sample, int index, string field, string[] names, byte[][] utf8Names, double[][] columns, JsonFields fields)
    {
        if (sample.ValueKind != JsonValueKind.Object)
        {
            fields.Errors.Add(new FieldError($"{field}[{index}]", $"must be an object with {string.Join(", ", names)}, not {JsonFields.Describe(sample)}"));
            return;
        }

        for (var c = 0; c < names.Length; c++)
        {
            if (sample.TryGetProperty(utf8Names[c], out var coordinate) && coordinate.ValueKind == JsonValueKind.Number
                && coordinate.TryGetDouble(out var number) && Math.Abs(number) <= JsonFields.MaxMagnitude)
            {
                columns[c][index] = number; // the common case, without building the error path
            }
            else if (coordinate.ValueKind == JsonValueKind.Undefined)
            {
                fields.Errors.Add(new FieldError($"{field}[{index}].{names[c]}", "is required"));
            }
            else
            {
                fields.Coordinate(coordinate, $"{field}[{index}].{names[c]}");
            }
        }
    }
}
