using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>Writes problem bodies from middleware, where endpoint results are not available.</summary>
public static class ProblemWriter
{
    public static Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}
