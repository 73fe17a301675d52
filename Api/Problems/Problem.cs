using Gaze.Grains.Interfaces;
using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>
/// The problem bodies of the service, each naming what the client has to change. Endpoints return
/// them with <see cref="ToResult"/>, middleware writes them with <see cref="ProblemWriter"/>.
/// </summary>
public static class Problem
{
    public static ProblemDetails InvalidFields(IReadOnlyList<string> fields, string detail) =>
        ProblemKinds.InvalidField.Create(detail, ("fields", fields));

    /// <summary>A body that is not a well-formed form or document (cut short, bad framing); the field is the body itself.</summary>
    public static ProblemDetails MalformedBody(string detail) => InvalidFields(["body"], detail);

    public static ProblemDetails NotFoundAt(string detail) => ProblemKinds.NotFound.Create(detail);

    public static ProblemDetails RequestTimeout(string detail) => ProblemKinds.RequestTimeout.Create(detail);

    public static ProblemDetails UnsupportedMediaType(string detail) => ProblemKinds.UnsupportedMediaType.Create(detail);

    public static ProblemDetails PayloadTooLarge(string detail) => ProblemKinds.PayloadTooLarge.Create(detail);

    /// <summary>Seconds a client is asked to wait when storage or the cluster is unavailable: they usually come back within that.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    /// <summary>ML work that produced no answer, as <paramref name="unprocessable"/> unless the calibration is missing, its store unavailable or the work over budget.</summary>
    public static ProblemDetails Rejected(WorkRejection rejection, ProblemKind unprocessable) => rejection.Kind switch
    {
        RejectionKind.CalibrationNotFound => ProblemKinds.CalibrationNotFound.Create(rejection.Reason, ("fields", new[] { "calib_id" })),
        RejectionKind.StorageUnavailable => ProblemKinds.StorageUnavailable.Create(
            $"{rejection.Reason} Retry in {UnavailableRetryAfterSeconds} s.", ("retry_after", UnavailableRetryAfterSeconds)),
        RejectionKind.OverBudget => rejection.RetryAfterSeconds is { } retryAfter
            ? ProblemKinds.OverBudget.Create(rejection.Reason, ("estimated_seconds", rejection.EstimatedSeconds), ("retry_after", retryAfter))
            : ProblemKinds.OverBudget.Create(rejection.Reason, ("estimated_seconds", rejection.EstimatedSeconds)),
        _ => unprocessable.Create(rejection.Reason),
    };

    /// <summary>The grains could not be reached (no gateway, a silo lost mid-call).</summary>
    public static ProblemDetails ClusterUnavailable(string detail) =>
        ProblemKinds.ClusterUnavailable.Create($"{detail} Retry in {UnavailableRetryAfterSeconds} s.", ("retry_after", UnavailableRetryAfterSeconds));

    public static ProblemDetails OverBudget(string detail) => ProblemKinds.OverBudget.Create(detail);

    public static ProblemDetails Busy(string detail, int retryAfterSeconds) => ProblemKinds.Busy.Create(detail, ("retry_after", retryAfterSeconds));

    public static ProblemDetails RateLimited(string detail, string limit, long retryAfterSeconds) =>
        ProblemKinds.RateLimited.Create(detail, ("limit", limit), ("retry_after", retryAfterSeconds));

    public static ProblemDetails LimiterUnavailable(string detail, int retryAfterSeconds) =>
        ProblemKinds.LimiterUnavailable.Create(detail, ("retry_after", retryAfterSeconds));

    /// <summary>An endpoint result for <paramref name="problem"/>, written like every other problem body.</summary>
    public static IResult ToResult(this ProblemDetails problem) => new ProblemResult(problem);

    /// <summary>
    /// As <see cref="ToResult"/>, with a <c>Retry-After</c> header when the problem says when to
    /// retry (its <c>retry_after</c> member), so clients need not read the body for it.
    /// </summary>
    public static IResult ToResult(this ProblemDetails problem, HttpResponse response)
    {
        if (problem.Extensions.TryGetValue("retry_after", out var seconds) && seconds is int retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return problem.ToResult();
    }
}
