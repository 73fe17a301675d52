namespace Gaze.Api.Problems;

/// <summary>
/// <c>type</c> values of problem bodies (RFC 9457). Relative references, resolved against the
/// service's own address, so they never point at a host the operator does not own.
/// </summary>
public static class ProblemTypes
{
    public const string RateLimited = "/problems/rate-limited";
    public const string LimiterUnavailable = "/problems/limiter-unavailable";
    public const string InvalidField = "/problems/invalid-field";
    public const string UnsupportedMediaType = "/problems/unsupported-media-type";
    public const string PayloadTooLarge = "/problems/payload-too-large";
    public const string CalibrationNotFound = "/problems/calibration-not-found";
    public const string Unprocessable = "/problems/unprocessable-calibration";
    public const string UnprocessableBatch = "/problems/unprocessable-batch";
    public const string OverBudget = "/problems/over-time-budget";
    public const string Busy = "/problems/busy";
}
