using System.Text.Json;

namespace Gaze.Api.Calibration;

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
