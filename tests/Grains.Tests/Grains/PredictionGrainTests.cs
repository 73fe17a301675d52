using System.Collections.Immutable;
using System.Text.Json;
using Gaze.Calibration;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Interfaces.Prediction;
using Gaze.Grains.Prediction;
using Gaze.Prediction;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class PredictionGrainTests(ClusterFixture fixture)
{
    private static readonly double[][] Session = [[0.35, 0.45, 0.65, 0.45], [0.55, 0.55, 0.85, 0.55], [0.45, 0.50, 0.75, 0.50]];

    private IPredictionGrain Predictor => fixture.Silo.Grains.GetGrain<IPredictionGrain>(0);

    private static IrisColumns Columns(double[][] samples) => new(
        [.. samples.Select(s => s[0])], [.. samples.Select(s => s[1])], [.. samples.Select(s => s[2])], [.. samples.Select(s => s[3])]);

    private static CalibrationRecord Record(string id, IEnumerable<CalibrationSample> samples) => new(
        id,
        [.. samples.Select(s => new CalibrationPoint(s.LeftX, s.LeftY, s.RightX, s.RightY, s.PointX, s.PointY))],
        [],
        1000,
        600,
        "Linear Regression",
        2,
        null,
        null,
        FromRuxailab: false);

    private static double[] Expected(IReadOnlyList<CalibrationSample> calibration, string model) =>
        GazeMapping.Fit(calibration, model, 1000, 600, GazeMappingKind.StoredCalibration)
            .Predict(EyePositions.FromRows(Session)).X;

    [Fact]
    public async Task An_unknown_calibration_is_not_found()
    {
        var result = await Predictor.PredictAsync(new StoredPredictionRequest(Guid.NewGuid().ToString("N"), null, 1000, 600, Columns(Session)));

        Assert.Equal(RejectionKind.CalibrationNotFound, result.Rejection?.Kind);
        Assert.Empty(result.X);
    }

    [Theory]
    [InlineData("Linear Regression")]
    [InlineData("Support Vector Regressor")]
    public async Task Each_batch_uses_the_calibration_stored_at_that_moment(string model)
    {
        var id = Guid.NewGuid().ToString("N");
        var store = fixture.Silo.Grains.GetGrain<ICalibrationStoreGrain>(id);
        var original = UpstreamFixture.Samples();
        var moved = original.Select(s => s with { PointY = 600 - s.PointY, PointX = s.PointX + 40 }).ToArray();
        var request = new StoredPredictionRequest(id, model, 1000, 600, Columns(Session));

        var cache = fixture.Silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<GazeMappingCache>();

        await store.SaveAsync(Record(id, original));
        var fitsBefore = cache.Fits;
        var first = await Predictor.PredictAsync(request);
        var again = await Predictor.PredictAsync(request);
        var fitsForOriginal = cache.Fits - fitsBefore;
        await store.SaveAsync(Record(id, moved));
        var replaced = await Predictor.PredictAsync(request);

        Assert.Null(first.Rejection);
        Assert.Equal(Expected(original, model), first.X.ToArray());
        Assert.Equal(first.X.ToArray(), again.X.ToArray());
        Assert.Equal(1, fitsForOriginal); // the second batch reused the first one's mapping
        Assert.Equal(Expected(moved, model), replaced.X.ToArray());
        Assert.Equal(2, cache.Fits - fitsBefore);
    }

    [Fact]
    public async Task A_stateless_batch_comes_with_its_calibration_metrics()
    {
        var calibration = UpstreamFixture.Samples();
        var validation = calibration.Select(s => new[] { s.LeftX, s.LeftY, s.RightX, s.RightY }).ToArray();

        var result = await Predictor.PredictStatelessAsync(new StatelessPredictionRequest(
            "Bayesian Ridge", 1000, 600, [.. Record("unused", calibration).Fixed], Columns(validation), Columns(Session)));

        Assert.Null(result.Rejection);
        Assert.Equal(3, result.X.Length);
        var metrics = JsonDocument.Parse(result.ValidationMetricsJson!).RootElement;
        Assert.Equal(15, metrics.GetProperty("samples").GetInt32());
        Assert.Equal(5, metrics.GetProperty("points_detail").GetArrayLength());
    }

    [Fact]
    public async Task A_batch_without_samples_is_rejected_not_failed()
    {
        var id = Guid.NewGuid().ToString("N");
        await fixture.Silo.Grains.GetGrain<ICalibrationStoreGrain>(id).SaveAsync(Record(id, UpstreamFixture.Samples()));

        var result = await Predictor.PredictAsync(new StoredPredictionRequest(id, null, 1000, 600, IrisColumns.Empty));

        Assert.Equal(RejectionKind.Unprocessable, result.Rejection?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection?.Reason));
    }
}
