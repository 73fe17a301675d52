using System.Text.Json;
using Gaze.Grains.Interfaces.Prediction;

namespace Gaze.Api.Prediction;

/// <summary>
/// Streams the <c>batch_predict</c> answer (README.md, "Batch prediction"): a JSON array of points in stored mode (RUXAILAB
/// accepts nothing else), <c>{predictions, metrics}</c> in stateless mode. Written straight to the
/// response in slices, so a 100,000-sample answer is never held as one string.
/// </summary>
public static class BatchResponseWriter
{
    private const int SamplesPerFlush = 2048;

    public static async Task WriteAsync(HttpResponse response, BatchRequest request, PredictionResult result, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        // Both sizes are the same in every element: their text as sent is taken once.
        var screen = new ScreenAsSent(Raw(request.ScreenWidthAsSent), Raw(request.ScreenHeightAsSent));
        if (request.IsStateless)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("predictions");
        }

        writer.WriteStartArray();
        for (var i = 0; i < result.X.Length; i++)
        {
            WritePoint(writer, screen, result.X[i], result.Y[i], request.Timestamps[i]);
            if ((i + 1) % SamplesPerFlush == 0)
            {
                await writer.FlushAsync(cancellationToken);
                await response.BodyWriter.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        if (request.IsStateless)
        {
            writer.WriteStartObject("metrics");
            writer.WritePropertyName("calibration");
            writer.WriteRawValue(result.ValidationMetricsJson ?? "null");
            writer.WriteStartObject("session");
            writer.WriteNumber("prediction_count", result.X.Length);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static void WritePoint(Utf8JsonWriter writer, ScreenAsSent screen, double x, double y, JsonElement? timestamp)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("timestamp");
        if (timestamp is { } sent)
        {
            sent.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteCoordinate(writer, "predicted_x", x);
        WriteCoordinate(writer, "predicted_y", y);
        writer.WritePropertyName("screen_width");
        writer.WriteRawValue(screen.Width, skipInputValidation: true);
        writer.WritePropertyName("screen_height");
        writer.WriteRawValue(screen.Height, skipInputValidation: true);
        writer.WriteEndObject();
    }

    // A number token of the parsed request: valid JSON, so it is written without re-validation.
    private static byte[] Raw(JsonElement number) => System.Text.Encoding.UTF8.GetBytes(number.GetRawText());

    // The pipelines bound every output to the screen, so a non-finite value means a degenerate model;
    // it is written as null (as the reference did) rather than failing the whole batch.
    private static void WriteCoordinate(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private readonly record struct ScreenAsSent(byte[] Width, byte[] Height);
}
