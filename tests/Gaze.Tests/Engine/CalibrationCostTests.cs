using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

/// <summary>The estimate a calibration is admitted by: what it counts, and where the default budget falls.</summary>
public sealed class CalibrationCostTests
{
    private static readonly Calibrator Calibrator = new(DefaultGrids.Create());

    [Theory]
    [InlineData(ModelRegistry.LinearRegression, 0)]
    [InlineData(ModelRegistry.RidgeRegression, 2 * 10 * 5)]
    [InlineData(ModelRegistry.SgdRegressor, 2 * 4 * 5)] // 16 candidates, 4 different fits
    [InlineData(ModelRegistry.SupportVectorRegressor, 2 * 30 * 5)]
    [InlineData(ModelRegistry.Auto, 2 * 5 * (1 + 10 + 10 + 25 + 49 + 4 + 30 + 3))]
    public void The_search_counts_each_distinct_fit_of_every_fold_and_axis(string model, int fits)
    {
        Assert.Equal(fits, Calibrator.CostOf(model, 810).SearchFits);
    }

    [Fact]
    public void Two_svr_calibrations_of_9_x_90_samples_on_two_threads_fit_the_default_budget()
    {
        var cost = Calibrator.CostOf(ModelRegistry.SupportVectorRegressor, 810);

        // Each has one of the two threads while both run.
        Assert.InRange(cost.Duration(threads: 1), TimeSpan.FromSeconds(10), new CalibrationOptions().TimeBudget);
    }

    [Fact]
    public void More_samples_cost_more_and_more_threads_take_less_time()
    {
        var small = Calibrator.CostOf(ModelRegistry.SupportVectorRegressor, 810);
        var large = Calibrator.CostOf(ModelRegistry.SupportVectorRegressor, 3 * 810);

        Assert.True(large.SearchSeconds > 9 * small.SearchSeconds, "SVR's cost grows faster than the square of its rows");
        Assert.True(large.Duration(2) > new CalibrationOptions().TimeBudget, "three times the rows do not fit the default budget on two threads");
        Assert.True(small.Duration(4) < small.Duration(2));
        Assert.True(Calibrator.CostOf(ModelRegistry.LinearRegression, 810).Duration(1) < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_thread_count_beyond_the_fits_does_not_shorten_the_estimate()
    {
        var cost = new CalibrationCost(SearchSeconds: 10, SearchFits: 10, RefitSeconds: 2);

        Assert.Equal(TimeSpan.FromSeconds(1 + 1), cost.Duration(100));
        Assert.Equal(TimeSpan.FromSeconds(10 + 2), cost.Duration(1));
    }
}
