namespace Gaze.Api.Problems;

/// <summary>
/// Every problem kind the service answers with, its own and the framework's alike, so every error
/// body has a <c>type</c> of one scheme (<c>/problems/{name}</c>) that the service itself documents
/// (<see cref="ProblemPages"/>).
/// </summary>
public static class ProblemKinds
{
    public static readonly ProblemKind InvalidField = new(StatusCodes.Status400BadRequest, "invalid-field", "Invalid request",
        "A field of the request, or the body itself (field \"body\"), is missing, malformed or out of range. The member \"fields\" lists every offending field and \"detail\" says what is wrong with each. Fix the request; repeating it unchanged gives the same answer.");
    public static readonly ProblemKind NotFound = new(StatusCodes.Status404NotFound, "not-found", "Not Found",
        "No route of the service has this path. The routes are listed in the service's README.");
    public static readonly ProblemKind CalibrationNotFound = new(StatusCodes.Status404NotFound, "calibration-not-found", "Calibration not found",
        "No calibration is stored under the calib_id of the batch. Calibrate first (POST /api/session/calib_validation with that file_name), or send fixed_points and calib_points for a stateless prediction.");
    public static readonly ProblemKind MethodNotAllowed = new(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method Not Allowed",
        "The route exists but not for this HTTP method; the Allow header lists the methods it takes.");
    public static readonly ProblemKind RequestTimeout = new(StatusCodes.Status408RequestTimeout, "request-timeout", "Request Timeout",
        "The request body did not arrive in time: within Api:BodyReadTimeout, or at the server's minimum data rate. The connection is closed; send the request again over a faster link, or a smaller body.");
    public static readonly ProblemKind PayloadTooLarge = new(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "Payload Too Large",
        "The request body, or one form field, is larger than Api:MaxRequestBodyBytes. Send fewer samples per request.");
    public static readonly ProblemKind UnsupportedMediaType = new(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported Media Type",
        "The Content-Type does not match the route: calib_validation takes multipart/form-data or application/x-www-form-urlencoded, batch_predict takes application/json.");
    public static readonly ProblemKind UnprocessableCalibration = new(StatusCodes.Status422UnprocessableEntity, "unprocessable-calibration", "Unprocessable calibration",
        "The calibration is well-formed but cannot be fitted (for example too few samples per target to split, or a model that failed on these rows); \"detail\" says why. Record the calibration again.");
    public static readonly ProblemKind UnprocessableBatch = new(StatusCodes.Status422UnprocessableEntity, "unprocessable-batch", "Unprocessable batch",
        "The batch is well-formed but cannot be predicted with this calibration (for example a stateless calibration that cannot be fitted); \"detail\" says why.");
    public static readonly ProblemKind RateLimited = new(StatusCodes.Status429TooManyRequests, "rate-limited", "Too Many Requests",
        "This client used up a limit of the route's policy (member \"limit\", e.g. \"10 per 1 minute\"). Retry after the seconds in Retry-After (also \"retry_after\"); a request sent earlier is refused again and costs nothing.");
    public static readonly ProblemKind InternalError = new(StatusCodes.Status500InternalServerError, "internal-error", "Internal Server Error",
        "The service failed on this request. This is a defect of the service, logged with the request's trace id; please report it with the request.");
    public static readonly ProblemKind LimiterUnavailable = new(StatusCodes.Status503ServiceUnavailable, "limiter-unavailable", "Service Unavailable",
        "The rate limiter could not decide the request in time and the node is configured to refuse then (RateLimiting:FailurePolicy=closed). Retry after Retry-After.");
    public static readonly ProblemKind OverBudget = new(StatusCodes.Status503ServiceUnavailable, "over-time-budget", "Service Unavailable",
        "The ML work did not finish within its time budget (Calibration:TimeBudget or Prediction:TimeBudget) and was stopped, or a calibration was estimated not to finish within it and was not started (member \"estimated_seconds\"; nothing was stored). Send fewer samples or choose a simpler model; where the estimate counted other running calibrations, Retry-After (also \"retry_after\") says when they will have ended.");
    public static readonly ProblemKind StorageUnavailable = new(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", "Service Unavailable",
        "The calibration store could not be read or written; nothing was stored. Retry after Retry-After.");
    public static readonly ProblemKind ClusterUnavailable = new(StatusCodes.Status503ServiceUnavailable, "cluster-unavailable", "Service Unavailable",
        "The node could not reach the grains that do the work (no silo reachable, or a silo lost during the call). Retry after Retry-After.");
    public static readonly ProblemKind Busy = new(StatusCodes.Status503ServiceUnavailable, "busy", "Service Unavailable",
        "This node is running and queueing as many ML requests as it takes (Api:MlConcurrency and Api:MlQueueLimit). The request was not counted against the rate limit; retry after Retry-After.");

    /// <summary>Any other status the framework answers (rare: e.g. 411, 431), keeping its own status code.</summary>
    public static readonly ProblemKind HttpError = new(0, "http-error", "HTTP error",
        "The server refused the request at the HTTP level; \"status\" and \"detail\" say how.");

    public static readonly IReadOnlyList<ProblemKind> All =
    [
        InvalidField, NotFound, CalibrationNotFound, MethodNotAllowed, RequestTimeout, PayloadTooLarge, UnsupportedMediaType,
        UnprocessableCalibration, UnprocessableBatch, RateLimited, InternalError, LimiterUnavailable, OverBudget,
        StorageUnavailable, ClusterUnavailable, Busy, HttpError,
    ];

    /// <summary>The kind for a status the framework produced without one of the service's own problems.</summary>
    public static ProblemKind ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidField,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => RequestTimeout,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status500InternalServerError => InternalError,
        _ => HttpError,
    };
}
