using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Gaze.Grains.Gaze.Models;

/// <summary>
/// Random forest regression on ML.NET's FastForest (the registry's <c>Random Forest Regressor</c>):
/// <paramref name="trees"/> bagged trees of up to 2^<paramref name="maxDepth"/> leaves, a split
/// needing <paramref name="minSamplesSplit"/> rows (so leaves of at least half that). Seeded, so
/// a request is reproducible; held to within 10% of scikit-learn's accuracy by the parity tests.
/// </summary>
public sealed class RandomForestRegression(int trees = 200, int maxDepth = 10, int minSamplesSplit = 5, int seed = 42) : IRegressor
{
    private readonly MLContext _ml = new(seed);
    private ITransformer? _model;

    public void Fit(double[][] rows, double[] targets)
    {
        var trainer = _ml.Regression.Trainers.FastForest(new FastForestRegressionTrainer.Options
        {
            NumberOfTrees = trees,
            NumberOfLeaves = Math.Max(2, Math.Min(1 << Math.Min(maxDepth, 16), rows.Length)),
            MinimumExampleCountPerLeaf = Math.Max(1, minSamplesSplit / 2),
            FeatureFraction = 1.0,
            NumberOfThreads = 1,
            Seed = seed,
        });
        _model = trainer.Fit(MlNetRows.ToDataView(_ml, rows, targets));
    }

    public double[] Predict(double[][] rows) =>
        MlNetRows.Scores(_ml, _model ?? throw new InvalidOperationException("Fit before Predict."), rows);
}
