using Microsoft.AspNetCore.Routing;

namespace Gaze.Api.Problems;

/// <summary>Problem bodies for responses that have none of their own: unknown routes, wrong methods, bad framing.</summary>
public static class StatusProblems
{
    public static void Describe(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        var problem = context.ProblemDetails;
        if (context.Exception is BadHttpRequestException or InvalidDataException && string.IsNullOrEmpty(problem.Detail))
        {
            // Framing errors (a truncated multipart body, a form over its limits) name the body as the field.
            problem.Detail = $"The request body could not be read: {context.Exception.Message}";
            problem.Extensions["fields"] = new[] { "body" };
        }

        switch (problem.Status)
        {
            case StatusCodes.Status404NotFound when string.IsNullOrEmpty(problem.Detail):
                problem.Detail = $"No resource at {request.Path}.";
                break;
            case StatusCodes.Status405MethodNotAllowed when string.IsNullOrEmpty(problem.Detail):
                problem.Detail = $"Method {request.Method} is not allowed on {request.Path}; allowed: {context.HttpContext.Response.Headers.Allow}.";
                break;
            case StatusCodes.Status413PayloadTooLarge when string.IsNullOrEmpty(problem.Detail):
                problem.Type = ProblemKinds.PayloadTooLarge.Type;
                problem.Detail = "The request body is larger than this service accepts.";
                break;
        }
    }

    /// <summary>Maps framing errors raised by Kestrel or form reading (e.g. 413, 400) to their own status instead of 500.</summary>
    public static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
