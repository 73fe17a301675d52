using System.Text.Json;

namespace Gaze.Api.Json;

/// <summary>Typed reads of JSON values that record a <see cref="FieldError"/> instead of throwing.</summary>
public sealed class JsonFields
{
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

    public double? PositiveNumber(JsonElement value, string field)
    {
        var number = FiniteNumber(value, field);
        if (number is <= 0)
        {
            Errors.Add(new FieldError(field, $"must be greater than 0, not {number}"));
            return null;
        }

        return number;
    }

    public string? NullableString(JsonElement value, string field)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
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
