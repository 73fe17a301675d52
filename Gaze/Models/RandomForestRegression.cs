using Gaze.Sampling;

namespace Gaze.Models;

/// <summary>
/// scikit-learn's <c>RandomForestRegressor</c> as the registry configures it: <paramref name="trees"/>
/// CART trees, each grown on a bootstrap sample with every feature considered at every split
/// (scikit-learn's regression default <c>max_features=1.0</c>), limited by depth and split size;
/// the prediction is the mean of the trees. Seeded, so a request is reproducible.
/// </summary>
/// <remarks>
/// Written here rather than on ML.NET's FastForest: FastForest bins features into quantiles,
/// subsamples without replacement and sizes trees by leaf count, and on calibration data its error
/// was up to 3.7 times scikit-learn's (the parity tests require 10%). The bootstraps are
/// scikit-learn's own draws (each tree's seed from <c>RandomState(seed)</c>, then
/// <c>RandomState(treeSeed).randint(0, n, n)</c>), so trees differ from scikit-learn's only where two
/// features tie for the best split, which scikit-learn breaks in a random feature order.
/// </remarks>
public sealed class RandomForestRegression(int trees = 200, int maxDepth = 10, int minSamplesSplit = 5, uint seed = 42) : IRegressor
{
    private RegressionTree[] _forest = [];

    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        var forestRandom = new NumpyRandomState(seed);
        var n = rows.Length;
        _forest = new RegressionTree[trees];
        for (var t = 0; t < trees; t++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var treeRandom = new NumpyRandomState((uint)forestRandom.Bounded(int.MaxValue - 1));
            var bootstrap = new int[n];
            for (var i = 0; i < n; i++)
            {
                bootstrap[i] = (int)treeRandom.Bounded((ulong)(n - 1));
            }

            _forest[t] = RegressionTree.Grow(rows, targets, bootstrap, maxDepth, minSamplesSplit);
        }
    }

    public double[] Predict(double[][] rows) => [.. rows.Select(row => _forest.Average(tree => tree.Predict(row)))];
}
