using System.Collections.Immutable;
using System.Text.Json;
using Gaze.Api.Bodies;
using Gaze.Api.Json;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Models;

namespace Gaze.Api.Calibration;

/// <summary>
/// Reads the calibration form: every field value is itself a JSON document (the web front
/// <c>JSON.stringify</c>s each one). Names match exactly, as in the reference service; a field sent
/// twice is refused. Collects every problem instead of stopping at the first, so one 400 names all
/// offending fields.
/// </summary>
public static class CalibrationFormReader
{
    public static (CalibrationRecord? Record, List<FieldError> Errors) Read(FormFields form)
    {
        var fields = new JsonFields();
        var fromRuxailab = Required(form, "from_ruxailab", fields, value => value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => fields.Fail<bool?>("from_ruxailab", $"must be true or false, not {JsonFields.Describe(value)}"),
        });
        var id = Required(form, "file_name", fields, value => CalibrationIds.Read(value, "file_name", fields));
        var userId = Optional(form, "user_id", fields, value => fields.NullableString(value, "user_id"));
        var studyId = Optional(form, "study_id", fields, value => fields.NullableString(value, "study_id"));
        var fixedPoints = Required(form, "fixed_circle_iris_points", fields, value => SampleArrays.ReadCalibrationPoints(value, "fixed_circle_iris_points", fields));
        var validation = Required(form, "calib_circle_iris_points", fields, value => SampleArrays.Read(value, "calib_circle_iris_points", SampleArrays.IrisFields, allowEmpty: true, fields));
        var height = Required(form, "screen_height", fields, value => fields.ScreenSize(value, "screen_height"));
        var width = Required(form, "screen_width", fields, value => fields.ScreenSize(value, "screen_width"));
        var model = Optional(form, "model", fields, value => Model(value, fields)) ?? ModelRegistry.LinearRegression;
        var k = Required(form, "k", fields, value => Clusters(value, fields));

        if (fields.Errors.Count > 0 || fixedPoints is null || validation is null)
        {
            return (null, fields.Errors);
        }

        var record = new CalibrationRecord(
            id!,
            [.. fixedPoints],
            [.. Enumerable.Range(0, validation[0].Length).Select(i => new IrisSample(validation[0][i], validation[1][i], validation[2][i], validation[3][i]))],
            width!.Value,
            height!.Value,
            model,
            k!.Value,
            userId,
            studyId,
            fromRuxailab!.Value);
        return (record, fields.Errors);
    }

    private static T? Required<T>(FormFields form, string name, JsonFields fields, Func<JsonElement, T?> read) =>
        form.ValuesOf(name).Count == 0
            ? fields.Fail<T>(name, "is required")
            : Optional(form, name, fields, read);

    private static T? Optional<T>(FormFields form, string name, JsonFields fields, Func<JsonElement, T?> read)
    {
        var values = form.ValuesOf(name);
        return values.Count switch
        {
            0 => default,
            > 1 => fields.Fail<T>(name, $"is sent {values.Count} times; send it once"),
            _ => values[0] is { } text ? Parse(text, name, fields, read) : fields.Fail<T>(name, "is not valid UTF-8 text"),
        };
    }

    private static T? Parse<T>(string text, string name, JsonFields fields, Func<JsonElement, T?> read)
    {
        try
        {
            using var document = JsonDocument.Parse(text, JsonFields.DocumentOptions);
            return read(document.RootElement);
        }
        catch (JsonException exception)
        {
            fields.Errors.Add(new FieldError(name, $"is not valid JSON ({exception.Message} Each form value must be JSON-encoded, e.g. a string as \"\\\"abc\\\"\")"));
            return default;
        }
    }

    private static string? Model(JsonElement value, JsonFields fields)
    {
        var name = fields.NullableString(value, "model");
        return name is null || ModelRegistry.IsCalibrationChoice(name)
            ? name
            : fields.Fail<string>("model", $"'{name}' is not a model; use one of: {string.Join(", ", ModelRegistry.Names)}, or {ModelRegistry.Auto} to choose the best per axis");
    }

    private static int? Clusters(JsonElement value, JsonFields fields) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var k) && k >= 1 && k <= int.MaxValue && Math.Floor(k) == k
            ? (int)k
            : fields.Fail<int?>("k", $"must be a whole number of at least 1, not {JsonFields.Describe(value)}");
}
