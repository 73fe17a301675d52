using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Gaze.Api.Problems;

/// <summary>
/// The UTF-8 JSON of a problem body, byte for byte what the framework's problem details writer
/// produces for it: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, <c>instance</c> when
/// set, the extension members in their order, then <c>traceId</c>, with the serializer options'
/// encoder. Written by hand because the framework's path (problem details service, writer
/// selection, an asynchronous serializer and a chunked, flushed response) costs several times
/// more than the body itself on the limiter's hot path: every 429, and every 400 of an admitted
/// request (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// The bytes are built in a buffer of the calling thread and are valid until its next call, so a
/// caller copies them before it awaits anything.
/// </remarks>
public static class ProblemJson
{
    /// <summary>A buffer that grew past this (a 400 naming thousands of fields) is not kept for the thread's next body.</summary>
    private const int KeptCapacity = 16 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static ReadOnlySpan<byte> Serialize(ProblemDetails problem, string? traceId, JsonSerializerOptions options)
    {
        var buffer = t_buffer is { Capacity: <= KeptCapacity } kept ? kept : t_buffer = new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = WriterFor(buffer, options);
        WriteBody(writer, problem, traceId, options);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    private static Utf8JsonWriter WriterFor(ArrayBufferWriter<byte> buffer, JsonSerializerOptions options)
    {
        // One writer per thread, made again only if a host's options use another encoder.
        if (t_writer is { } writer && ReferenceEquals(writer.Options.Encoder, options.Encoder))
        {
            writer.Reset(buffer);
            return writer;
        }

        return t_writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, MaxDepth = options.MaxDepth });
    }

    private static void WriteBody(Utf8JsonWriter writer, ProblemDetails problem, string? traceId, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteIfSet(writer, "type", problem.Type);
        WriteIfSet(writer, "title", problem.Title);
        if (problem.Status is { } status)
        {
            writer.WriteNumber("status", status);
        }

        WriteIfSet(writer, "detail", problem.Detail);
        WriteIfSet(writer, "instance", problem.Instance);
        foreach (var (name, value) in problem.Extensions)
        {
            // The request's trace id replaces a member of that name (the framework's writer overwrites it
            // too); the service's problems carry none, so it always comes last, as there.
            if (name != "traceId" || traceId is null)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value, options);
            }
        }

        WriteIfSet(writer, "traceId", traceId);
        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    // The members the service's problems carry are written directly; anything else as the serializer would.
    private static void WriteValue(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case string text:
                writer.WriteStringValue(text);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case IReadOnlyList<string> texts:
                writer.WriteStartArray();
                for (var i = 0; i < texts.Count; i++)
                {
                    writer.WriteStringValue(texts[i]);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object), options);
                break;
        }
    }
}
