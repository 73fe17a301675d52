using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>An endpoint result that writes one of the service's problem bodies with <see cref="ProblemWriter"/>.</summary>
public sealed class ProblemResult(ProblemDetails problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<ProblemDetails>, IContentTypeHttpResult
{
    public ProblemDetails Value => problem;

    object? IValueHttpResult.Value => problem;

    public int? StatusCode => problem.Status;

    public string ContentType => ProblemWriter.ContentType;

    public Task ExecuteAsync(HttpContext httpContext) => ProblemWriter.WriteAsync(httpContext, problem);
}
