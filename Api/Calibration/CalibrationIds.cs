using System.Text.RegularExpressions;

namespace Gaze.Api.Calibration;

/// <summary>
/// The shape of a calibration id (<c>file_name</c> at calibration, <c>calib_id</c> at prediction):
/// what the reference's file-name sanitiser would leave unchanged, bounded in length.
/// </summary>
public static partial class CalibrationIds
{
    public const string Rule = "must be 1-128 characters of letters, digits, '_', '.' or '-' (and not '.' or '..')";

    public static bool IsValid(string id) => ValidId().IsMatch(id) && id is not "." and not "..";

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}
