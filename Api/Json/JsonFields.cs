using System.Text.Json;

namespace Gaze.Api.Json;

/// <summary>Typed reads of JSON values that record a <see cref="FieldError"/> instead of throwing.</summary>
public sealed class JsonFields
{
    /// <summary>
    /// Largest accepted magnitude of a coordinate or screen size. Real values are webcam or screen
    /// pixels (thousands) or normalised (about 1); the models square and multiply them, and much
    /// larger values would overflow or stall their solvers instead of meaning anything.
    /// </summary>
    public const double MaxMagnitude = 1_000_000;

    /// <summary>
    /// How request JSON is parsed: a property given twice in one object is an error, not a silent
    /// choice of one of its values (the same rule as for repeated form fields).
    /// </summary>
    public static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false };

    public List<FieldError> Errors { get; } = [];

    public double? FiniteNumber(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number))
        {
            return number;
        }

        Errors.Add(new FieldError(field, $"must be a finite number, not {Describe(value)}"));
        return null;
    }

    /// <summary>A finite number of at most <see cref="MaxMagnitude"/> in absolute value (an iris or target coordinate).</summary>
    public double? Coordinate(JsonElement value, string field)
    {
        var number = FiniteNumber(value, field);
        return number is { } n && Math.Abs(n) > MaxMagnitude
            ? Fail<double?>(field, $"must be at most {MaxMagnitude:0} in absolute value, not {value.GetRawText()}")
            : number;
    }

    /// <summary>A screen dimension in pixels: from 1 to <see cref="MaxMagnitude"/>.</summary>
    public double? ScreenSize(JsonElement value, string field)
    {
        var number = FiniteNumber(value, field);
        return number is { } n && n is < 1 or > MaxMagnitude
            ? Fail<double?>(field, $"must be a size in pixels from 1 to {MaxMagnitude:0}, not {value.GetRawText()}")
            : number;
    }

    /// <summary>
    /// The text of a JSON string. A string that is well-formed JSON can still hold an unpaired
    /// surrogate escape (<c>"\ud800"</c>) that has no UTF-16 text; that is the client's error.
    /// </summary>
    public string? Text(JsonElement value, string field)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return Fail<string>(field, "must be valid Unicode text (it holds an unpaired surrogate or invalid UTF-8)");
        }
    }

    public string? NullableString(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return Text(value, field);
            case JsonValueKind.Null:
                return null;
            default:
                Errors.Add(new FieldError(field, $"must be a string or null, not {Describe(value)}"));
                return null;
        }
    }

    /// <summary>Records <paramref name="message"/> against <paramref name="field"/> and returns the default value.</summary>
    public T? Fail<T>(string field, string message)
    {
        Errors.Add(new FieldError(field, message));
        return default;
    }

    /// <summary>One problem message for all recorded errors.</summary>
    public string Summary(string prefix) => $"{prefix}: {string.Join("; ", Errors)}.";

    /// <summary>The distinct offending fields, for the problem's <c>fields</c> extension.</summary>
    public string[] FieldNames() => [.. Errors.Select(e => e.Field).Distinct()];

    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Undefined => "missing",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
