namespace Gaze.Api.Problems;

/// <summary>Every problem kind the service answers with.</summary>
public static class ProblemKinds
{
    public static readonly ProblemKind InvalidField = new(StatusCodes.Status400BadRequest, "/problems/invalid-field", "Invalid request");
    public static readonly ProblemKind CalibrationNotFound = new(StatusCodes.Status404NotFound, "/problems/calibration-not-found", "Calibration not found");
    public static readonly ProblemKind PayloadTooLarge = new(StatusCodes.Status413PayloadTooLarge, "/problems/payload-too-large", "Payload Too Large");
    public static readonly ProblemKind UnsupportedMediaType = new(StatusCodes.Status415UnsupportedMediaType, "/problems/unsupported-media-type", "Unsupported Media Type");
    public static readonly ProblemKind UnprocessableCalibration = new(StatusCodes.Status422UnprocessableEntity, "/problems/unprocessable-calibration", "Unprocessable calibration");
    public static readonly ProblemKind UnprocessableBatch = new(StatusCodes.Status422UnprocessableEntity, "/problems/unprocessable-batch", "Unprocessable batch");
    public static readonly ProblemKind RateLimited = new(StatusCodes.Status429TooManyRequests, "/problems/rate-limited", "Too Many Requests");
    public static readonly ProblemKind LimiterUnavailable = new(StatusCodes.Status503ServiceUnavailable, "/problems/limiter-unavailable", "Service Unavailable");
    public static readonly ProblemKind OverBudget = new(StatusCodes.Status503ServiceUnavailable, "/problems/over-time-budget", "Service Unavailable");
    public static readonly ProblemKind StorageUnavailable = new(StatusCodes.Status503ServiceUnavailable, "/problems/storage-unavailable", "Service Unavailable");
    public static readonly ProblemKind ClusterUnavailable = new(StatusCodes.Status503ServiceUnavailable, "/problems/cluster-unavailable", "Service Unavailable");
    public static readonly ProblemKind Busy = new(StatusCodes.Status503ServiceUnavailable, "/problems/busy", "Service Unavailable");
}
