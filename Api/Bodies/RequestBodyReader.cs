using System.Globalization;
using Gaze.Api.Hosting;
using Gaze.Api.Problems;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Gaze.Api.Bodies;

/// <summary>
/// Receives a request body within <see cref="ApiOptions.BodyReadTimeout"/> and turns every way it
/// can fail (malformed framing, a body that ends early, one over the size limit, one that trickles
/// in too slowly) into the problem the client gets, so no read error becomes a 500.
/// </summary>
public static class RequestBodyReader
{
    /// <summary>
    /// Whether the request has no body and says nothing about one (no Content-Type, no length or a
    /// zero length): read as an empty form or document, so the client hears what is missing.
    /// </summary>
    public static bool IsAbsent(HttpRequest request) =>
        request.ContentType is null
        && (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false);

    /// <summary>
    /// The value <paramref name="read"/> makes of the body, or the problem that stopped it. A client
    /// that went away is not answered: its cancellation propagates.
    /// </summary>
    public static async Task<(T? Value, ProblemDetails? Problem)> ReadAsync<T>(HttpContext context, Func<HttpRequest, CancellationToken, Task<T>> read)
    {
        var timeout = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.BodyReadTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            return (await read(context.Request, deadline.Token), null);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return (default, Unfinished(context, Problem.RequestTimeout(string.Create(CultureInfo.InvariantCulture,
                $"The request body did not arrive within {timeout.TotalSeconds:0.###} s."))));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, Unfinished(context, Problem.PayloadTooLarge($"The request body is larger than this service accepts: {exception.Message}")));
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            // Kestrel's minimum data rate: the body arrived more slowly than the server accepts.
            return (default, Unfinished(context, Problem.RequestTimeout($"The request body arrived too slowly: {exception.Message}")));
        }
        catch (Exception exception) when (exception is BadHttpRequestException or InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            // The connection stays usable: the server reads and discards the rest of a malformed body
            // after answering (within its size limit and data rate), so the client also gets to read
            // the answer instead of a reset while it is still sending.
            return (default, Problem.MalformedBody($"The request body could not be read: {exception.Message}"));
        }
    }

    /// <summary>
    /// Asks the server to close the connection after answering, for bodies it must not wait for: one
    /// that trickles in, or one over the size limit.
    /// </summary>
    private static ProblemDetails Unfinished(HttpContext context, ProblemDetails problem)
    {
        context.Response.Headers.Connection = "close";
        return problem;
    }
}
