namespace Gaze.Api.Problems;

/// <summary>Problem results of the endpoints, each naming what the client has to change.</summary>
public static class Problem
{
    public static IResult InvalidFields(string[] fields, string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", type: ProblemTypes.InvalidField,
        extensions: new Dictionary<string, object?> { ["fields"] = fields });

    public static IResult UnsupportedMediaType(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported Media Type", type: ProblemTypes.UnsupportedMediaType);

    public static IResult Unprocessable(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable calibration", type: ProblemTypes.Unprocessable);

    public static IResult UnprocessableBatch(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unprocessable batch", type: ProblemTypes.UnprocessableBatch);

    public static IResult OverBudget(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", type: ProblemTypes.OverBudget);

    public static IResult Busy(string detail, int retryAfterSeconds) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service Unavailable", type: ProblemTypes.Busy,
        extensions: new Dictionary<string, object?> { ["retry_after"] = retryAfterSeconds });

    public static IResult CalibrationNotFound(string detail) => TypedResults.Problem(
        detail, statusCode: StatusCodes.Status404NotFound, title: "Calibration not found", type: ProblemTypes.CalibrationNotFound,
        extensions: new Dictionary<string, object?> { ["fields"] = new[] { "calib_id" } });
}
