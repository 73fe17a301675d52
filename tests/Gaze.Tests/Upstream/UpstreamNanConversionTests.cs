using System.Text.Json;
using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Upstream;

/// <summary>
/// Port of <c>tests/test_nan_conversion.py</c>. The reference converted NaN/inf to None on a nested
/// dict before serialising; here the response writer emits null for every non-finite number.
/// </summary>
public sealed class UpstreamNanConversionTests
{
    private static JsonElement Write(double precision, double accuracy, double[] xs, double[] ys, double[][]? centroids = null) =>
        JsonDocument.Parse(CalibrationResponseWriter.ToJson(new CalibrationOutcome(
            [new TargetOutcome(100, 200, xs, ys, precision, accuracy)],
            centroids ?? [[1.0, 2.0]],
            "stratified",
            GridChoice.Unsearched(ModelRegistry.LinearRegression),
            GridChoice.Unsearched(ModelRegistry.LinearRegression),
            new HeldOut([], [], [], [])))).RootElement;

    [Fact]
    public void Nan_and_infinities_become_null()
    {
        var target = Write(double.NaN, double.PositiveInfinity, [1.0], [double.NegativeInfinity]).GetProperty("100").GetProperty("200");
        Assert.Equal(JsonValueKind.Null, target.GetProperty("PrecisionSD").ValueKind);
        Assert.Equal(JsonValueKind.Null, target.GetProperty("Accuracy").ValueKind);
        Assert.Equal(JsonValueKind.Null, target.GetProperty("predicted_y")[0].ValueKind);
    }

    [Fact]
    public void Regular_values_pass_through()
    {
        var target = Write(3.14, 0.0, [42], [2.5]).GetProperty("100").GetProperty("200");
        Assert.Equal(3.14, target.GetProperty("PrecisionSD").GetDouble());
        Assert.Equal(0.0, target.GetProperty("Accuracy").GetDouble());
        Assert.Equal(42, target.GetProperty("predicted_x")[0].GetDouble());
        Assert.Equal(2.5, target.GetProperty("predicted_y")[0].GetDouble());
    }

    [Fact]
    public void Nested_lists_are_converted_element_by_element()
    {
        var response = Write(1, 1, [1.0, double.NaN], [1.0, 2.0], [[1.0, double.PositiveInfinity]]);
        Assert.Equal([JsonValueKind.Number, JsonValueKind.Null], response.GetProperty("100").GetProperty("200").GetProperty("predicted_x").EnumerateArray().Select(v => v.ValueKind));
        Assert.Equal(JsonValueKind.Null, response.GetProperty("centroids")[0][1].ValueKind);
    }

    [Fact]
    public void Empty_results_stay_empty()
    {
        var response = JsonDocument.Parse(CalibrationResponseWriter.ToJson(new CalibrationOutcome(
            [], [], "stratified", GridChoice.Unsearched(ModelRegistry.LinearRegression), GridChoice.Unsearched(ModelRegistry.LinearRegression), new HeldOut([], [], [], [])))).RootElement;
        Assert.Equal(["centroids"], response.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, response.GetProperty("centroids").GetArrayLength());
    }
}
