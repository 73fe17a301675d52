using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gaze.Grains.Gaze.Models;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Api.Calibration;

/// <summary>
/// Reads the calibration form: every field value is itself a JSON document (the web front
/// <c>JSON.stringify</c>s each one). Collects every problem instead of stopping at the first, so
/// one 400 names all offending fields.
/// </summary>
public static partial class CalibrationFormReader
{
    /// <summary>Cap on listed sample errors: a broken 810-row array should not produce an 810-line answer.</summary>
    private const int MaxSampleErrors = 10;

    private static readonly string[] IrisFields = ["left_iris_x", "left_iris_y", "right_iris_x", "right_iris_y"];

    public static (CalibrationRecord? Record, List<FieldError> Errors) Read(IFormCollection form)
    {
        var fields = new JsonFields();
        var fromRuxailab = Required(form, "from_ruxailab", fields, value => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Fail<bool?>(fields, "from_ruxailab", $"must be true or false, not {JsonFields.Describe(value)}"),
        });
        var id = Required(form, "file_name", fields, value => CalibrationId(value, fields));
        var userId = Optional(form, "user_id", fields, value => fields.NullableString(value, "user_id"));
        var studyId = Optional(form, "study_id", fields, value => fields.NullableString(value, "study_id"));
        var fixedPoints = Required(form, "fixed_circle_iris_points", fields, value => Samples(value, "fixed_circle_iris_points", withTarget: true, fields));
        var validation = Required(form, "calib_circle_iris_points", fields, value => Samples(value, "calib_circle_iris_points", withTarget: false, fields));
        var height = Required(form, "screen_height", fields, value => fields.PositiveNumber(value, "screen_height"));
        var width = Required(form, "screen_width", fields, value => fields.PositiveNumber(value, "screen_width"));
        var model = Optional(form, "model", fields, value => Model(value, fields)) ?? ModelRegistry.LinearRegression;
        var k = Required(form, "k", fields, value => Clusters(value, fields));

        if (fields.Errors.Count > 0 || fixedPoints is null || validation is null)
        {
            return (null, fields.Errors);
        }

        var record = new CalibrationRecord(
            id!,
            [.. fixedPoints.Select(s => new CalibrationPoint(s[0], s[1], s[2], s[3], s[4], s[5]))],
            [.. validation.Select(s => new IrisSample(s[0], s[1], s[2], s[3]))],
            width!.Value,
            height!.Value,
            model,
            k!.Value,
            userId,
            studyId,
            fromRuxailab!.Value);
        return (record, fields.Errors);
    }

    private static T? Required<T>(IFormCollection form, string name, JsonFields fields, Func<JsonElement, T?> read)
    {
        if (!form.TryGetValue(name, out var text))
        {
            fields.Errors.Add(new FieldError(name, "is required"));
            return default;
        }

        return Parse(text.ToString(), name, fields, read);
    }

    private static T? Optional<T>(IFormCollection form, string name, JsonFields fields, Func<JsonElement, T?> read) =>
        form.TryGetValue(name, out var text) ? Parse(text.ToString(), name, fields, read) : default;

    private static T? Parse<T>(string text, string name, JsonFields fields, Func<JsonElement, T?> read)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return read(document.RootElement);
        }
        catch (JsonException)
        {
            fields.Errors.Add(new FieldError(name, "is not valid JSON (each form value must be JSON-encoded, e.g. a string as \"\\\"abc\\\"\")"));
            return default;
        }
    }

    private static string? CalibrationId(JsonElement value, JsonFields fields)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return Fail<string>(fields, "file_name", $"must be a string, not {JsonFields.Describe(value)}");
        }

        var id = value.GetString()!;
        return ValidId().IsMatch(id) && id is not "." and not ".."
            ? id
            : Fail<string>(fields, "file_name", "must be 1-128 characters of letters, digits, '_', '.' or '-' (and not '.' or '..')");
    }

    private static string? Model(JsonElement value, JsonFields fields)
    {
        var name = fields.NullableString(value, "model");
        return name is null || ModelRegistry.IsKnown(name)
            ? name
            : Fail<string>(fields, "model", $"'{name}' is not a model; use one of: {string.Join(", ", ModelRegistry.Names)}");
    }

    private static int? Clusters(JsonElement value, JsonFields fields) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var k) && k >= 1 && k <= int.MaxValue && Math.Floor(k) == k
            ? (int)k
            : Fail<int?>(fields, "k", $"must be a whole number of at least 1, not {JsonFields.Describe(value)}");

    /// <summary>Rows of [left_x, left_y, right_x, right_y(, point_x, point_y)].</summary>
    private static List<double[]>? Samples(JsonElement value, string field, bool withTarget, JsonFields fields)
    {
        if (value.ValueKind != JsonValueKind.Array || (withTarget && value.GetArrayLength() == 0))
        {
            return Fail<List<double[]>>(fields, field, $"must be {(withTarget ? "a non-empty" : "an")} array of samples, not {JsonFields.Describe(value)}");
        }

        string[] names = withTarget ? [.. IrisFields, "point_x", "point_y"] : IrisFields;
        var rows = new List<double[]>(value.GetArrayLength());
        var errorsBefore = fields.Errors.Count;
        var index = 0;
        foreach (var sample in value.EnumerateArray())
        {
            rows.Add(Sample(sample, $"{field}[{index++}]", names, fields));
            if (fields.Errors.Count - errorsBefore >= MaxSampleErrors)
            {
                fields.Errors.Add(new FieldError(field, "has more invalid samples; fix the ones listed first"));
                break;
            }
        }

        return rows;
    }

    private static double[] Sample(JsonElement sample, string path, string[] names, JsonFields fields)
    {
        var row = new double[names.Length];
        if (sample.ValueKind != JsonValueKind.Object)
        {
            fields.Errors.Add(new FieldError(path, $"must be an object with {string.Join(", ", names)}, not {JsonFields.Describe(sample)}"));
            return row;
        }

        for (var i = 0; i < names.Length; i++)
        {
            row[i] = sample.TryGetProperty(names[i], out var coordinate)
                ? fields.FiniteNumber(coordinate, $"{path}.{names[i]}") ?? 0
                : Fail<double?>(fields, $"{path}.{names[i]}", "is required") ?? 0;
        }

        return row;
    }

    private static T? Fail<T>(JsonFields fields, string field, string message)
    {
        fields.Errors.Add(new FieldError(field, message));
        return default;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
