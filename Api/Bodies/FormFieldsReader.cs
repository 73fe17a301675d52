using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Gaze.Api.Bodies;

/// <summary>
/// Reads a <c>multipart/form-data</c> or <c>application/x-www-form-urlencoded</c> body into
/// <see cref="FormFields"/> with the framework's own parsers (<see cref="MultipartReader"/>,
/// <see cref="FormReader"/>) and the node's <see cref="FormOptions"/> limits. Written here rather than
/// using <c>ReadFormAsync</c> because that one folds names case-insensitively and joins repeats.
/// </summary>
public static class FormFieldsReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="InvalidDataException">The body is not a well-formed form within the limits.</exception>
    /// <exception cref="IOException">The body ended before the form did.</exception>
    public static Task<FormFields> ReadAsync(HttpRequest request, FormOptions limits, CancellationToken cancellationToken)
    {
        var type = MediaTypeHeaderValue.Parse(request.ContentType);
        return type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? ReadMultipartAsync(request.Body, Boundary(type, limits), limits, cancellationToken)
            : ReadUrlEncodedAsync(request.Body, limits, cancellationToken);
    }

    private static async Task<FormFields> ReadUrlEncodedAsync(Stream body, FormOptions limits, CancellationToken cancellationToken)
    {
        var fields = new FormFields();
        using var reader = new FormReader(body, Encoding.UTF8)
        {
            KeyLengthLimit = limits.KeyLengthLimit,
            ValueLengthLimit = limits.ValueLengthLimit,
            ValueCountLimit = limits.ValueCountLimit,
        };
        while (await reader.ReadNextPairAsync(cancellationToken) is { } pair)
        {
            fields.Add(pair.Key, pair.Value);
        }

        return fields;
    }

    private static async Task<FormFields> ReadMultipartAsync(Stream body, string boundary, FormOptions limits, CancellationToken cancellationToken)
    {
        var fields = new FormFields();
        var reader = new MultipartReader(boundary, body)
        {
            HeadersCountLimit = limits.MultipartHeadersCountLimit,
            HeadersLengthLimit = limits.MultipartHeadersLengthLimit,
            BodyLengthLimit = limits.MultipartBodyLengthLimit,
        };
        var count = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (++count > limits.ValueCountLimit)
            {
                throw new InvalidDataException($"The form has more than {limits.ValueCountLimit} parts.");
            }

            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFormDisposition())
            {
                throw new InvalidDataException($"Form part {count} has no 'Content-Disposition: form-data; name=...' header.");
            }

            // A part sent as a file (with a file name) is read like any other value: clients that
            // upload the JSON as a file mean the same thing.
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            fields.Add(name, await ReadTextAsync(section.Body, name, limits.ValueLengthLimit, cancellationToken));
        }

        return fields;
    }

    private static async Task<string?> ReadTextAsync(Stream part, string name, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await part.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > limit)
        {
            throw new InvalidDataException($"Form field '{name}' is longer than the {limit} bytes accepted.");
        }

        try
        {
            return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string Boundary(MediaTypeHeaderValue type, FormOptions limits)
    {
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            throw new InvalidDataException("The multipart/form-data Content-Type has no boundary parameter.");
        }

        return boundary.Length <= limits.MultipartBoundaryLengthLimit
            ? boundary
            : throw new InvalidDataException($"The multipart boundary is longer than {limits.MultipartBoundaryLengthLimit} characters.");
    }
}
