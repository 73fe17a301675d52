using System.Buffers;
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
    /// <summary>Longer url-encoded forms, and those of unknown length, are parsed as they stream in.</summary>
    private const int SmallFormBytes = 16 * 1024;

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="InvalidDataException">The body is not a well-formed form within the limits.</exception>
    /// <exception cref="IOException">The body ended before the form did.</exception>
    public static Task<FormFields> ReadAsync(HttpRequest request, FormOptions limits, CancellationToken cancellationToken)
    {
        var type = MediaTypeHeaderValue.Parse(request.ContentType);
        return type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? ReadMultipartAsync(request.Body, Boundary(type, limits), limits, cancellationToken)
            : request.ContentLength is > 0 and <= SmallFormBytes
                ? ReadSmallUrlEncodedAsync(request.Body, (int)request.ContentLength, limits, cancellationToken)
                : ReadUrlEncodedAsync(request.Body, limits, cancellationToken);
    }

    private static async Task<FormFields> ReadUrlEncodedAsync(Stream body, FormOptions limits, CancellationToken cancellationToken)
    {
        var fields = new FormFields();
        using var reader = Limited(new FormReader(body, Encoding.UTF8), limits);
        while (await reader.ReadNextPairAsync(cancellationToken) is { } pair)
        {
            AddWithinCount(fields, pair, limits);
        }

        return fields;
    }

    /// <summary>
    /// A short form of known length, read whole into a pooled buffer and parsed as text by the same
    /// <see cref="FormReader"/>. Reading from the stream costs a <see cref="StreamReader"/> with
    /// 6 KB of fresh buffers per request, a large share of what a rejected request allocates.
    /// </summary>
    /// <remarks>
    /// The text is the body decoded as UTF-8 (invalid bytes become U+FFFD, a UTF-8 byte order mark
    /// is dropped), which is what the stream reader makes of it too.
    /// </remarks>
    private static async Task<FormFields> ReadSmallUrlEncodedAsync(Stream body, int length, FormOptions limits, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            // Throws EndOfStreamException, an IOException, when the body ends before its length.
            await body.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
            var bytes = buffer.AsSpan(0, length);
            var text = Encoding.UTF8.GetString(bytes.StartsWith(Utf8ByteOrderMark) ? bytes[Utf8ByteOrderMark.Length..] : bytes);
            var fields = new FormFields();
            using var reader = Limited(new FormReader(text), limits);
            while (reader.ReadNextPair() is { } pair)
            {
                AddWithinCount(fields, pair, limits);
            }

            return fields;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// <see cref="FormReader"/> checks the length of each key and value as it reads, but only its
    /// own whole-form methods check the number of values, so the pair-by-pair readers count here.
    /// </summary>
    private static void AddWithinCount(FormFields fields, KeyValuePair<string, string> pair, FormOptions limits)
    {
        if (fields.Count >= limits.ValueCountLimit)
        {
            throw new InvalidDataException($"The form has more than {limits.ValueCountLimit} values.");
        }

        fields.Add(pair.Key, pair.Value);
    }

    private static FormReader Limited(FormReader reader, FormOptions limits)
    {
        reader.KeyLengthLimit = limits.KeyLengthLimit;
        reader.ValueLengthLimit = limits.ValueLengthLimit;
        return reader;
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
