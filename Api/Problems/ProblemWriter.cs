using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Gaze.Api.Problems;

/// <summary>
/// Writes the service's own problem bodies (<see cref="Problem"/>), from middleware and, through
/// <see cref="ProblemResult"/>, from endpoints: the framework's JSON (<see cref="ProblemJson"/>)
/// with a <c>Content-Length</c>, left for the server to send with the end of the response.
/// </summary>
/// <remarks>
/// Unlike the framework's problem details writer this answers JSON whatever the request's
/// <c>Accept</c> header says: a client that asked for HTML still learns why it was refused,
/// instead of getting an empty body. Problems the framework raises itself (unknown routes, framing
/// errors) still go through its writer and <see cref="StatusProblems"/>.
/// </remarks>
public static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        var response = context.Response;
        response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var options = context.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        // The trace id the framework's writer puts there: the request's activity, else the connection's request id.
        var body = ProblemJson.Serialize(problem, Activity.Current?.Id ?? context.TraceIdentifier, options);
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        // Copied into the response now (the buffer is the thread's); not flushed, so the headers
        // and body leave in one write when the request ends.
        response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }
}
