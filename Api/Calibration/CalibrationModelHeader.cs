namespace Gaze.Api.Calibration;

/// <summary>
/// <c>X-Calibration-Model</c>: which model each axis of a calibration was fitted with, the one asked
/// for or the one <c>Auto</c> chose. A header, not a body key, because the web front reads every
/// body key but <c>centroids</c> as a target. Its value is a structured-field dictionary
/// (RFC 8941) of two strings: <c>x="Ridge Regression", y="Support Vector Regressor"</c>.
/// </summary>
public static class CalibrationModelHeader
{
    public const string Name = "X-Calibration-Model";

    // Model names are letters and spaces, so they need no escaping inside the quotes.
    public static string Value(string modelX, string modelY) => $"x=\"{modelX}\", y=\"{modelY}\"";
}
