using System.Text.Json;
using System.Text.RegularExpressions;
using Gaze.Api.Json;

namespace Gaze.Api.Calibration;

/// <summary>
/// The shape of a calibration id (<c>file_name</c> at calibration, <c>calib_id</c> at prediction):
/// what the reference's file-name sanitiser would leave unchanged, bounded in length.
/// </summary>
public static partial class CalibrationIds
{
    public const string Rule = "must be 1-128 characters of letters, digits, '_', '.' or '-' (and not '.' or '..')";

    public static bool IsValid(string id) => ValidId().IsMatch(id) && id is not "." and not "..";

    /// <summary>The id in <paramref name="value"/>, or null with the problem recorded against <paramref name="field"/>.</summary>
    public static string? Read(JsonElement value, string field, JsonFields fields)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return fields.Fail<string>(field, $"must be a string, not {JsonFields.Describe(value)}");
        }

        return fields.Text(value, field) is not { } id ? null
            : IsValid(id) ? id
            : fields.Fail<string>(field, Rule);
    }

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"\A[A-Za-z0-9_.-]{1,128}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
