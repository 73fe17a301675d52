using System.Text.Json;
using Gaze.Api.Bodies;
using Gaze.Api.Json;
using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Prediction;

/// <summary>
/// The JSON body of a <c>batch_predict</c> request, received and validated: a request or the problem
/// with it. The parsed document lives until the response is done, because the answer echoes
/// timestamps and screen sizes from it.
/// </summary>
public sealed class BatchUpload : IValidatedBody
{
    private BatchUpload(BatchRequest? request, ProblemDetails? problem) => (Request, Problem) = (request, problem);

    /// <summary>The batch to predict; set when <see cref="Problem"/> is null.</summary>
    public BatchRequest? Request { get; }

    public ProblemDetails? Problem { get; }

    /// <summary>Minimal-API binding: runs before the endpoint's filters, so before an ML slot is taken.</summary>
    public static async ValueTask<BatchUpload?> BindAsync(HttpContext context)
    {
        var request = context.Request;
        if (RequestBodyReader.IsAbsent(request))
        {
            return new(null, Problems.Problem.InvalidFields(["body"], "The body is empty; send a JSON object with iris_tracking_data, screen_width, screen_height and calib_id."));
        }

        if (!request.HasJsonContentType())
        {
            return new(null, Problems.Problem.UnsupportedMediaType("Content-Type must be application/json."));
        }

        var (parsed, problem) = await RequestBodyReader.ReadAsync(context, ParseAsync);
        if (problem is not null)
        {
            return new(null, problem);
        }

        if (parsed.Document is not { } document)
        {
            return new(null, Problems.Problem.InvalidFields(["body"], $"The body is not valid JSON: {parsed.Error}"));
        }

        context.Response.RegisterForDispose(document);
        var (batch, fields) = BatchRequestReader.Read(document.RootElement);
        return batch is not null
            ? new(batch, null)
            : new(null, Problems.Problem.InvalidFields(fields.FieldNames(), fields.Summary("Invalid batch")));
    }

    /// <summary>
    /// The parsed body, or why it is not JSON. Read whole first (it is bounded by the size limit, and
    /// the parser would buffer it whole anyway) so that text that is not UTF-8 is refused as such:
    /// the parser checks the UTF-8 of strings only when they are read, and would let an invalid
    /// property name pass as an unknown one.
    /// </summary>
    private static async Task<(JsonDocument? Document, string? Error)> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = new MemoryStream(request.ContentLength is { } length ? (int)length : 0);
        await request.Body.CopyToAsync(body, cancellationToken);
        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes.Span))
        {
            return (null, "it is not valid UTF-8 text.");
        }

        try
        {
            return (JsonDocument.Parse(bytes, JsonFields.DocumentOptions), null);
        }
        catch (JsonException exception)
        {
            return (null, exception.Message);
        }
    }
}
