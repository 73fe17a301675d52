using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Upstream;

/// <summary>Port of <c>tests/test_config.py</c> onto <see cref="DefaultGrids"/>.</summary>
public sealed class UpstreamConfigTests
{
    private static readonly string[] TunableModels =
        ["Lasso Regression", "Ridge Regression", "Elastic Net", "Bayesian Ridge", "SGD Regressor", "Support Vector Regressor", "Random Forest Regressor"];

    [Fact]
    public void All_tunable_models_have_a_grid() => Assert.All(TunableModels, name => Assert.Contains(name, DefaultGrids.Create().Keys));

    [Fact]
    public void Every_grid_has_parameters_with_values()
    {
        foreach (var (name, grid) in DefaultGrids.Create())
        {
            Assert.NotEmpty(grid);
            Assert.All(grid, parameter => Assert.True(parameter.Value.Length > 0, $"{name}.{parameter.Key} should list values"));
            Assert.NotEmpty(ParameterGrid.Expand(grid));
        }
    }

    [Fact]
    public void Ridge_alphas_are_positive_and_at_least_five()
    {
        var alphas = DefaultGrids.Create()["Ridge Regression"]["alpha"].Select(double.Parse).ToArray();
        Assert.True(alphas.Min() > 0);
        Assert.True(alphas.Length >= 5);
    }

    [Fact]
    public void Linear_regression_is_not_tuned() => Assert.DoesNotContain(ModelRegistry.LinearRegression, DefaultGrids.Create().Keys);

    [Fact]
    public void Grid_order_is_sorted_names_with_the_last_varying_fastest()
    {
        var candidates = ParameterGrid.Expand(new Dictionary<string, string[]> { ["gamma"] = ["0.1", "0.5"], ["C"] = ["50", "100"], ["kernel"] = ["rbf"] });
        Assert.Equal(["C=50, gamma=0.1, kernel=rbf", "C=50, gamma=0.5, kernel=rbf", "C=100, gamma=0.1, kernel=rbf", "C=100, gamma=0.5, kernel=rbf"],
            candidates.Select(c => c.ToString()));
    }
}
