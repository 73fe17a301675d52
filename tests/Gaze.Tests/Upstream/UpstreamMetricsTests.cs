using Gaze.Calibration;

namespace Gaze.Tests.Upstream;

/// <summary>Port of the reference service's <c>tests/test_metrics.py</c> onto <see cref="TargetMetrics"/>.</summary>
public sealed class UpstreamMetricsTests
{
    [Fact]
    public void Precision_is_zero_when_predictions_are_identical()
    {
        Assert.Equal(0.0, TargetMetrics.PopulationStd([100.0, 100.0, 100.0]));
        Assert.Equal(0.0, TargetMetrics.PopulationStd([200.0, 200.0, 200.0]));
    }

    [Fact]
    public void Precision_grows_with_spread() =>
        Assert.True(TargetMetrics.PopulationStd([99.0, 100.0, 101.0]) < TargetMetrics.PopulationStd([80.0, 100.0, 120.0]));

    [Fact]
    public void Precision_is_the_rms_around_the_mean() =>
        Assert.True(Math.Abs(TargetMetrics.PopulationStd([90.0, 100.0, 110.0]) - Math.Sqrt(200.0 / 3)) < 1e-10);

    [Fact]
    public void Precision_sd_averages_the_x_and_y_spread() =>
        Assert.Equal((Math.Sqrt(200.0 / 3) + 0) / 2, TargetMetrics.PrecisionSd([90.0, 100.0, 110.0], [5.0, 5.0, 5.0]), 12);

    // test_accuracy_zero_when_perfect / test_accuracy_rmse_value / test_accuracy_y: the reference's
    // per-axis accuracies are the Euclidean accuracy with the other axis exact.
    [Fact]
    public void Accuracy_is_zero_when_perfect() => Assert.Equal(0.0, Mean([100.0, 200.0], [100.0, 200.0], [0, 0], [0, 0]));

    [Fact]
    public void Accuracy_of_one_axis_is_its_mean_absolute_error()
    {
        Assert.Equal(10.0, Mean([100.0, 200.0], [110.0, 190.0], [0, 0], [0, 0]));
        Assert.Equal(5.0, Mean([0, 0], [0, 0], [100.0, 200.0], [105.0, 195.0]));
    }

    [Fact]
    public void Total_accuracy_uses_euclidean_distance() => Assert.True(Math.Abs(Mean([100.0], [103.0], [200.0], [204.0]) - 5.0) < 1e-10);

    [Fact]
    public void Total_accuracy_averages_multiple_points() => Assert.True(Math.Abs(Mean([0.0, 0.0], [3.0, 0.0], [0.0, 0.0], [4.0, 5.0]) - 5.0) < 1e-10);

    [Fact]
    public void Total_accuracy_on_the_sample_frame()
    {
        // sample_metrics_df: two targets; the reference computed over the whole frame.
        var all = Mean([100, 100, 100, 500, 500], [110, 95, 105, 490, 510], [200, 200, 200, 400, 400], [210, 195, 205, 390, 410]);
        Assert.True(all > 0);
        Assert.Equal((3 * Math.Sqrt(200) + 2 * Math.Sqrt(50)) / 5, all, 10);
    }

    // TargetMetrics.Accuracy takes one target; this averages per-row distances over mixed targets.
    private static double Mean(double[] trueX, double[] predictedX, double[] trueY, double[] predictedY) =>
        trueX.Select((_, i) => TargetMetrics.Accuracy(trueX[i], trueY[i], [predictedX[i]], [predictedY[i]])).Average();
}
