using Microsoft.AspNetCore.WebUtilities;

namespace Gaze.Api.Problems;

/// <summary>
/// Problem bodies for what the framework answers by itself (unknown routes, wrong methods, framing
/// errors, unhandled exceptions): given the service's own <c>type</c> scheme and a detail that
/// names the problem, so a client handles every error body the same way.
/// </summary>
public static class StatusProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(ProblemKind.TypePrefix, StringComparison.Ordinal) == true)
        {
            return;
        }

        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var kind = ProblemKinds.ForStatus(status);
        problem.Type = kind.Type;
        problem.Title = kind == ProblemKinds.HttpError ? ReasonPhrases.GetReasonPhrase(status) : kind.Title;
        if (context.Exception is BadHttpRequestException or InvalidDataException)
        {
            // Framing errors met outside the service's own body reading name the body as the field.
            problem.Detail = $"The request body could not be read: {context.Exception.Message}";
            problem.Extensions["fields"] = new[] { "body" };
            return;
        }

        problem.Detail = DetailFor(kind, context.HttpContext) ?? problem.Detail ?? ReasonPhrases.GetReasonPhrase(status);
    }

    private static string? DetailFor(ProblemKind kind, HttpContext context)
    {
        var request = context.Request;
        if (kind == ProblemKinds.NotFound)
        {
            return $"No resource at {request.Path}.";
        }

        if (kind == ProblemKinds.MethodNotAllowed)
        {
            return $"Method {request.Method} is not allowed on {request.Path}; allowed: {context.Response.Headers.Allow}.";
        }

        if (kind == ProblemKinds.PayloadTooLarge)
        {
            return "The request body is larger than this service accepts.";
        }

        return kind == ProblemKinds.InternalError ? "The service failed on this request; the failure is logged with this request's trace id." : null;
    }

    /// <summary>Maps framing errors raised by Kestrel or form reading (e.g. 413, 400) to their own status instead of 500.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
