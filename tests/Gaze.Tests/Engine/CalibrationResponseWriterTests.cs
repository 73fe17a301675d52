using System.Text.Json;
using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

public sealed class CalibrationResponseWriterTests
{
    [Theory]
    [InlineData(682.5, "682")]
    [InlineData(100, "100")]
    [InlineData(-3.7, "-3")]
    [InlineData(-0.5, "-0")]
    [InlineData(0, "0")]
    [InlineData(1799.9999, "1799")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e16, "1")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.0001, "0")]
    public void Keys_truncate_like_python_str_split(double value, string key) => Assert.Equal(key, PythonKeys.For(value));

    [Fact]
    public void Targets_keep_ascending_order_colliding_keys_keep_the_later_target_and_centroids_come_last()
    {
        var outcome = new CalibrationOutcome(
            [Target(100, 200, 1), Target(100, 200.7, 2), Target(682.5, 100, 3), Target(1000, 5, 4)],
            [[1, 2], [3, 4]],
            "stratified",
            GridChoice.Unsearched(ModelRegistry.LinearRegression),
            GridChoice.Unsearched(ModelRegistry.LinearRegression),
            new HeldOut([], [], [], []));

        var json = JsonDocument.Parse(CalibrationResponseWriter.ToJson(outcome)).RootElement;

        Assert.Equal(["100", "682", "1000", "centroids"], json.EnumerateObject().Select(p => p.Name));
        var collided = Assert.Single(json.GetProperty("100").EnumerateObject());
        Assert.Equal("200", collided.Name);
        Assert.Equal(2, collided.Value.GetProperty("Accuracy").GetDouble());
        Assert.Equal(["predicted_x", "predicted_y", "PrecisionSD", "Accuracy"], collided.Value.EnumerateObject().Select(p => p.Name));
        Assert.Equal([[1.0, 2.0], [3.0, 4.0]], json.GetProperty("centroids").EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
    }

    private static TargetOutcome Target(double x, double y, double accuracy) => new(x, y, [x + 1], [y + 1], 0.5, accuracy);
}
