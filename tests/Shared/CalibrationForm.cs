using System.Text.Json;
using Gaze.Calibration;

namespace Gaze.Tests.Http;

/// <summary>
/// Builds the calibration form exactly as the web front sends it: multipart, every value
/// <c>JSON.stringify</c>-ed (strings quoted, numbers bare).
/// </summary>
public sealed class CalibrationForm
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.Ordinal);

    public static CalibrationForm FromSamples(IEnumerable<CalibrationSample> samples, string id, int k = 2, string? model = "Linear Regression") =>
        new CalibrationForm()
            .Set("from_ruxailab", false)
            .Set("file_name", id)
            .Set("user_id", "user-1")
            .Set("study_id", "study-1")
            .Set("fixed_circle_iris_points", samples.Select(s => new Dictionary<string, double>
            {
                ["left_iris_x"] = s.LeftX, ["left_iris_y"] = s.LeftY, ["right_iris_x"] = s.RightX, ["right_iris_y"] = s.RightY,
                ["point_x"] = s.PointX, ["point_y"] = s.PointY,
            }))
            .Set("calib_circle_iris_points", new[]
            {
                new Dictionary<string, double> { ["left_iris_x"] = 0.35, ["left_iris_y"] = 0.45, ["right_iris_x"] = 0.65, ["right_iris_y"] = 0.45 },
            })
            .Set("screen_height", 600)
            .Set("screen_width", 1000)
            .Set("model", model)
            .Set("k", k);

    public CalibrationForm Set(string field, object? value)
    {
        _fields[field] = JsonSerializer.Serialize(value);
        return this;
    }

    public CalibrationForm Raw(string field, string text)
    {
        _fields[field] = text;
        return this;
    }

    public CalibrationForm Without(string field)
    {
        _fields.Remove(field);
        return this;
    }

    public MultipartFormDataContent ToContent()
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in _fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }
}
