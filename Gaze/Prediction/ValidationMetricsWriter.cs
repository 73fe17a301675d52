using System.Text.Json;

namespace Gaze.Prediction;

/// <summary>Writes <see cref="ValidationMetrics"/> with the reference's snake_case keys, in its order.</summary>
public static class ValidationMetricsWriter
{
    public static void Write(Utf8JsonWriter writer, ValidationMetrics metrics)
    {
        writer.WriteStartObject();
        Number(writer, "samples", metrics.Samples);
        Number(writer, "points", metrics.Points);
        Number(writer, "mean_error_px", metrics.MeanErrorPx);
        Number(writer, "median_error_px", metrics.MedianErrorPx);
        Number(writer, "rmse_px", metrics.RmsePx);
        Number(writer, "horizontal_mae_px", metrics.HorizontalMaePx);
        Number(writer, "vertical_mae_px", metrics.VerticalMaePx);
        Number(writer, "accuracy_50px", metrics.Accuracy50Px);
        Number(writer, "accuracy_100px", metrics.Accuracy100Px);
        writer.WriteString("quality", metrics.Quality);
        writer.WriteStartArray("points_detail");
        foreach (var point in metrics.PointsDetail)
        {
            writer.WriteStartObject();
            Number(writer, "target_x", point.TargetX);
            Number(writer, "target_y", point.TargetY);
            writer.WriteNumber("samples", point.Samples);
            Number(writer, "mean_error_px", point.MeanErrorPx);
            Number(writer, "std_error_px", point.StdErrorPx);
            Number(writer, "accuracy_50px", point.Accuracy50Px);
            Number(writer, "accuracy_100px", point.Accuracy100Px);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string ToJson(ValidationMetrics metrics)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, metrics);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Utf8JsonWriter refuses NaN and infinities; a degenerate model's metric is written as null instead.
    private static void Number(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void Number(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
