using Gaze.Features;
using Gaze.Selection;

namespace Gaze.Models;

/// <summary>
/// The eight model names clients send, and the pipeline each stands for. Every call builds fresh
/// objects, so fitting never touches another request's model (fitted ones may then be shared for
/// prediction, which only reads them).
/// </summary>
public static class ModelRegistry
{
    public const string LinearRegression = "Linear Regression";
    public const string RidgeRegression = "Ridge Regression";
    public const string LassoRegression = "Lasso Regression";
    public const string ElasticNet = "Elastic Net";
    public const string BayesianRidge = "Bayesian Ridge";
    public const string SgdRegressor = "SGD Regressor";
    public const string SupportVectorRegressor = "Support Vector Regressor";
    public const string RandomForestRegressor = "Random Forest Regressor";

    /// <summary>The accepted names, in the reference's order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        LinearRegression, RidgeRegression, LassoRegression, ElasticNet,
        BayesianRidge, SgdRegressor, SupportVectorRegressor, RandomForestRegressor,
    ];

    /// <summary>
    /// Not a model: a calibration with it runs every model's grid search and fits each axis with the
    /// model of the best cross-validated R² (docs/algorithms.md section 2.2); a batch prediction with
    /// it uses the models its stored calibration was fitted with.
    /// </summary>
    public const string Auto = "Auto";

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    /// <summary>What a calibration's <c>model</c> may be: a model name, or <see cref="Auto"/>.</summary>
    public static bool IsCalibrationChoice(string name) => name == Auto || IsKnown(name);

    /// <summary>
    /// The plain registry (calibration, and batch prediction's y axis): Scale → Poly2 → OLS for
    /// linear regression, Poly2 → estimator for the others, the random forest on raw features.
    /// </summary>
    public static IRegressor Create(string name, ModelParameters parameters) => name switch
    {
        RandomForestRegressor => Estimator(name, parameters),
        _ => new Pipeline(FeatureSteps(name), Estimator(name, parameters)),
    };

    /// <summary>
    /// The feature steps of <see cref="Create"/>'s pipeline for <paramref name="name"/>, fresh: they
    /// take no hyper-parameters, so a grid search applies them once per fold for every candidate.
    /// </summary>
    public static IReadOnlyList<IFeatureStep> FeatureSteps(string name) => name switch
    {
        LinearRegression => [new StandardScaler(), new PolynomialFeatures()],
        RandomForestRegressor => [],
        _ => [new PolynomialFeatures()],
    };

    /// <summary>
    /// The engineered registry (batch prediction's x axis): Scale → estimator, except linear
    /// regression which keeps Scale → Poly2 → OLS.
    /// </summary>
    public static IRegressor CreateEngineered(string name, ModelParameters parameters) => name switch
    {
        LinearRegression => Create(name, parameters),
        _ => new Pipeline([new StandardScaler()], Estimator(name, parameters)),
    };

    /// <summary>
    /// The estimator at the end of <see cref="Create"/>'s pipeline, without its feature steps.
    /// Defaults are scikit-learn's (and the reference's registry); parameters override them by sklearn name.
    /// </summary>
    public static IRegressor Estimator(string name, ModelParameters p) => name switch
    {
        LinearRegression => new OrdinaryLeastSquares(),
        RidgeRegression => new RidgeRegression(p.Double("alpha", 1.0)),
        LassoRegression => new LassoRegression(p.Double("alpha", 1.0)),
        ElasticNet => new ElasticNetRegression(p.Double("alpha", 1.0), p.Double("l1_ratio", 0.5)),
        BayesianRidge => new BayesianRidgeRegression(
            alphaInit: p.Values.ContainsKey("alpha_init") ? p.Double("alpha_init", 1) : null,
            lambdaInit: p.Values.ContainsKey("lambda_init") ? p.Double("lambda_init", 1) : null),
        SgdRegressor => Sgd(p),
        SupportVectorRegressor => SupportVector(p),
        RandomForestRegressor => new RandomForestRegression(p.Int("n_estimators", 200), p.Int("max_depth", 10), p.Int("min_samples_split", 5)),
        _ => throw new ArgumentException($"Unknown model '{name}'.", nameof(name)),
    };

    /// <summary>
    /// A text that is the same for two candidates of <paramref name="model"/> exactly when they build
    /// the same fit: their parameters by name, without those the estimator takes but does not use.
    /// A grid search fits each such group once (scikit-learn fits each and gets the same numbers).
    /// </summary>
    public static string FitIdentity(string model, ModelParameters parameters) => string.Join(
        "; ",
        parameters.Values
            .Where(pair => !UnusedParameters.TryGetValue(model, out var unused) || !unused.Contains(pair.Key, StringComparer.Ordinal))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"{pair.Key}={pair.Value}"));

    // scikit-learn's SGDRegressor checks l1_ratio and then, under its default (and the reference's)
    // L2 penalty, never reads it; the default grid still searches it, as the reference's did.
    private static readonly Dictionary<string, string[]> UnusedParameters = new(StringComparer.Ordinal)
    {
        [SgdRegressor] = ["l1_ratio"],
    };

    // random_state 0: the reference left SGD unseeded; a fixed seed gives each request the same model.
    private static SgdRegression Sgd(ModelParameters p)
    {
        var l1Ratio = p.Double("l1_ratio", 0.15);
        if (!(l1Ratio is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException("l1_ratio", l1Ratio, "l1_ratio must be in [0, 1].");
        }

        return new SgdRegression(p.Double("alpha", 1e-4), p.Double("eta0", 0.01), p.Int("max_iter", 1000), randomState: 0);
    }

    // The registry's SVR is linear (C = 1, epsilon = 0.1); its grid switches to rbf with numeric gamma.
    private static SupportVectorRegression SupportVector(ModelParameters p) => new(
        kernel: p.Text("kernel", "linear") switch
        {
            "linear" => SvrKernelType.Linear,
            "rbf" => SvrKernelType.Rbf,
            "poly" => SvrKernelType.Poly,
            var other => throw new ArgumentException($"Unknown SVR kernel '{other}'."),
        },
        c: p.Double("C", 1.0),
        epsilon: p.Double("epsilon", 0.1),
        gamma: p.Text("gamma", "scale") == "scale" ? null : p.Double("gamma", 0),
        degree: p.Int("degree", 3),
        coef0: p.Double("coef0", 0));
}
