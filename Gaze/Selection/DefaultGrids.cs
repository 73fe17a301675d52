namespace Gaze.Selection;

/// <summary>
/// The hyper-parameter grids searched at calibration, by model name and scikit-learn parameter
/// name (the reference service's grids). Configuration may replace any model's grid.
/// </summary>
public static class DefaultGrids
{
    public static Dictionary<string, Dictionary<string, string[]>> Create() => new(StringComparer.Ordinal)
    {
        ["Lasso Regression"] = new() { ["alpha"] = ["10", "20", "30", "40", "45", "50", "55", "100", "200", "500"] },
        ["Ridge Regression"] = new() { ["alpha"] = ["0.001", "0.005", "0.01", "0.1", "0.5", "1.0", "10", "20", "50", "100"] },
        ["Elastic Net"] = new()
        {
            ["alpha"] = ["0.1", "0.5", "1.0", "2.0", "5.0"],
            ["l1_ratio"] = ["0.5", "0.7", "0.8", "0.9", "1.0"],
        },
        ["Bayesian Ridge"] = new()
        {
            ["alpha_init"] = ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "1.9"],
            ["lambda_init"] = ["1e-9", "1e-6", "1e-5", "1e-4", "1e-3", "1e-2", "1e-1"],
        },
        ["SGD Regressor"] = new()
        {
            ["alpha"] = ["0.0001", "0.001"],
            ["l1_ratio"] = ["0.5", "0.7", "0.8", "1"],
            ["max_iter"] = ["1000"],
            ["eta0"] = ["0.0001", "0.001"],
        },
        ["Support Vector Regressor"] = new()
        {
            ["C"] = ["50", "100", "200", "500", "1000", "2000"],
            ["gamma"] = ["0.1", "0.5", "1", "2", "5"],
            ["kernel"] = ["rbf"],
        },
        ["Random Forest Regressor"] = new()
        {
            ["n_estimators"] = ["100"],
            ["max_depth"] = ["10"],
            ["min_samples_split"] = ["2", "5", "10"],
        },
    };
}
