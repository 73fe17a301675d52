namespace Gaze.Grains.Interfaces;

/// <summary>Why ML work on well-formed input produced no answer.</summary>
[GenerateSerializer, Alias("Gaze.RejectionKind")]
public enum RejectionKind
{
    /// <summary>The data cannot be calibrated or fitted (answered 422 with the reason).</summary>
    Unprocessable = 0,

    /// <summary>No calibration is stored under the requested id (answered 404).</summary>
    CalibrationNotFound = 1,

    /// <summary>The calibration store could not be read or written (answered 503 with <c>Retry-After</c>).</summary>
    StorageUnavailable = 2,

    /// <summary>The work would not finish within its time budget, so it was not started (answered 503).</summary>
    OverBudget = 3,
}

/// <summary>
/// The one shape in which calibration and prediction say they could not answer: an expected
/// outcome of the client's data, returned rather than thrown.
/// </summary>
/// <param name="Kind">What kind of refusal it is, which decides the status code.</param>
/// <param name="Reason">What happened and what the client can do, in words.</param>
/// <param name="EstimatedSeconds">For <see cref="RejectionKind.OverBudget"/>: how long the work was estimated to take.</param>
/// <param name="RetryAfterSeconds">When retrying may succeed, in seconds; null when retrying the same request will not.</param>
[GenerateSerializer, Immutable, Alias("Gaze.WorkRejection")]
public sealed record WorkRejection(
    [property: Id(0)] RejectionKind Kind,
    [property: Id(1)] string Reason,
    [property: Id(2)] double? EstimatedSeconds = null,
    [property: Id(3)] int? RetryAfterSeconds = null)
{
    public static WorkRejection Unprocessable(string reason) => new(RejectionKind.Unprocessable, reason);

    public static WorkRejection StorageUnavailable(string calibrationId) =>
        new(RejectionKind.StorageUnavailable, $"The calibration store cannot be reached for '{calibrationId}' right now; nothing was changed.");

    public static WorkRejection CalibrationNotFound(string calibrationId) =>
        new(RejectionKind.CalibrationNotFound, $"No calibration is stored under calib_id '{calibrationId}'.");

    public static WorkRejection OverBudget(string reason, TimeSpan estimate, int? retryAfterSeconds) =>
        new(RejectionKind.OverBudget, reason, Math.Round(estimate.TotalSeconds, 1), retryAfterSeconds);
}
