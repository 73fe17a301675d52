using Gaze.Prediction;
using Gaze.Tests.Upstream;

namespace Gaze.Tests.Prediction;

/// <summary>The long-running fits stop when their budget is gone, so a large calibration cannot hold a core.</summary>
public sealed class GazeMappingCancellationTests
{
    [Theory]
    [InlineData("Support Vector Regressor")]
    [InlineData("Random Forest Regressor")]
    [InlineData("SGD Regressor")]
    public void A_cancelled_fit_stops(string model)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            GazeMapping.Fit(UpstreamFixture.Samples(), model, 1000, 600, GazeMappingKind.StoredCalibration, cancelled.Token));
    }
}
