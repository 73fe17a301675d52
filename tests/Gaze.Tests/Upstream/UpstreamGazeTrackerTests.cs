using Gaze.Calibration;
using Gaze.Models;
using Gaze.Sampling;
using Gaze.Selection;

namespace Gaze.Tests.Upstream;

/// <summary>
/// Port of the calibration cases of <c>tests/test_gaze_tracker.py</c> (the squash and batch cases
/// belong to batch prediction). The reference's registry is a dict of sklearn Pipelines; ours
/// builds a fresh pipeline per call, which the registry test checks instead.
/// </summary>
public sealed class UpstreamGazeTrackerTests
{
    [Fact]
    public void All_models_are_registered_and_built_fresh_each_time()
    {
        Assert.Equal(8, ModelRegistry.Names.Count);
        foreach (var name in ModelRegistry.Names)
        {
            var first = ModelRegistry.Create(name, ModelParameters.None);
            Assert.NotSame(first, ModelRegistry.Create(name, ModelParameters.None));
        }
    }

    [Fact]
    public void Linear_regression_predicts_one_value_per_test_row()
    {
        var (train, trainTargets, test) = Plane(20);
        var model = ModelRegistry.Create(ModelRegistry.LinearRegression, ModelParameters.None);
        model.Fit(train, trainTargets);
        Assert.Equal(5, model.Predict(test).Length);
    }

    [Fact]
    public void Ridge_with_grid_search_predicts_one_value_per_test_row()
    {
        var (train, trainTargets, test) = Plane(30);
        var (model, best) = GridSearch.FitBest(ModelRegistry.RidgeRegression,
            ParameterGrid.Expand(DefaultGrids.Create()[ModelRegistry.RidgeRegression]), train, trainTargets, CancellationToken.None);
        Assert.Equal(5, model.Predict(test).Length);
        Assert.Contains("alpha", best.Values.Keys);
    }

    [Fact]
    public void The_full_calibration_of_the_fixture_gives_k_centroids_of_two_coordinates()
    {
        var outcome = new Calibrator(DefaultGrids.Create()).Calibrate(UpstreamFixture.Samples(), 2, ModelRegistry.LinearRegression, CancellationToken.None);
        Assert.Equal(2, outcome.Centroids.Count);
        Assert.All(outcome.Centroids, centroid => Assert.Equal(2, centroid.Length));
        // 5 x 3 cannot be stratified (3 test rows for 5 targets): the fallback holds out one row per target.
        Assert.Equal("fallback", outcome.Split);
        Assert.Equal(5, outcome.Rows.Test.Length);
    }

    // y = 100 x0 + 200 x1 on seeded uniform rows, as the reference's np.random.seed(42) data.
    private static (double[][] Train, double[] Targets, double[][] Test) Plane(int trainRows)
    {
        var random = new NumpyRandomState(42);
        double[][] Rows(int n) => [.. Enumerable.Range(0, n).Select(_ => new[] { Unit(random), Unit(random) })];
        var train = Rows(trainRows);
        return (train, [.. train.Select(r => r[0] * 100 + r[1] * 200)], Rows(5));
    }

    private static double Unit(NumpyRandomState random) => random.NextUInt32() / (double)uint.MaxValue;
}
