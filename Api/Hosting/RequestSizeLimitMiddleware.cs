using System.Globalization;
using Gaze.Api.Problems;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Hosting;

/// <summary>
/// Refuses a declared body larger than <see cref="ApiOptions.MaxRequestBodyBytes"/> with 413 before
/// anything reads it. Bodies without a length are cut off by the server's own limit while read.
/// Runs after the limiter, so an oversized request still counts.
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;

    public Task InvokeAsync(HttpContext context)
    {
        var length = context.Request.ContentLength;
        if (length is null || length <= _limit)
        {
            return next(context);
        }

        return ProblemWriter.WriteAsync(context, Problem.PayloadTooLarge(
            $"The request body is {length.Value.ToString(CultureInfo.InvariantCulture)} bytes; this service accepts at most {_limit.ToString(CultureInfo.InvariantCulture)}."));
    }
}
