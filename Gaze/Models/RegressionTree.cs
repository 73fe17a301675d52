namespace Gaze.Models;

/// <summary>
/// A CART regression tree as scikit-learn grows one for a random forest: each node takes the
/// threshold (midway between neighbouring values) that most reduces the squared error, over all
/// features; nodes stop at <c>maxDepth</c>, below <c>minSamplesSplit</c> distinct rows, or when pure.
/// A bootstrap is passed as a list of row indices with repeats, which weights rows by their count
/// exactly as scikit-learn's sample weights do.
/// </summary>
internal sealed class RegressionTree
{
    /// <summary>scikit-learn's FEATURE_THRESHOLD: values closer than this are not split apart.</summary>
    private const double FeatureGap = 1e-7;

    /// <summary>scikit-learn's EPSILON: a node whose variance is at most this is a leaf.</summary>
    private const double Pure = 2.220446049250313e-16;

    private readonly List<Node> _nodes = [];

    private RegressionTree()
    {
    }

    /// <summary>Grows a tree on the rows listed in <paramref name="sample"/> (a bootstrap: indices may repeat).</summary>
    public static RegressionTree Grow(double[][] rows, double[] targets, int[] sample, int maxDepth, int minSamplesSplit)
    {
        var tree = new RegressionTree();
        tree.Split(rows, targets, sample, depth: 0, maxDepth, minSamplesSplit);
        return tree;
    }

    public double Predict(double[] row)
    {
        var node = _nodes[0];
        while (node.Feature >= 0)
        {
            node = _nodes[row[node.Feature] <= node.Threshold ? node.Left : node.Right];
        }

        return node.Value;
    }

    private int Split(double[][] rows, double[] targets, int[] sample, int depth, int maxDepth, int minSamplesSplit)
    {
        var index = _nodes.Count;
        var mean = sample.Average(i => targets[i]);
        _nodes.Add(new Node(-1, 0, 0, 0, mean));
        var variance = sample.Average(i => (targets[i] - mean) * (targets[i] - mean));
        if (depth >= maxDepth
            || variance <= Pure
            || sample.Distinct().Count() < minSamplesSplit
            || !TryBestSplit(rows, targets, sample, out var feature, out var threshold))
        {
            return index;
        }

        var left = sample.Where(i => rows[i][feature] <= threshold).ToArray();
        var right = sample.Where(i => rows[i][feature] > threshold).ToArray();
        var leftIndex = Split(rows, targets, left, depth + 1, maxDepth, minSamplesSplit);
        var rightIndex = Split(rows, targets, right, depth + 1, maxDepth, minSamplesSplit);
        _nodes[index] = new Node(feature, threshold, leftIndex, rightIndex, mean);
        return index;
    }

    // Scans every feature's sorted values, keeping running sums so each candidate costs O(1):
    // the squared error of a side is Σy² - (Σy)²/n, so minimising the total means maximising
    // (Σy_left)²/n_left + (Σy_right)²/n_right. Like scikit-learn, any split between values more than
    // FeatureGap apart qualifies (even without gain); the first best one wins.
    private static bool TryBestSplit(double[][] rows, double[] targets, int[] sample, out int bestFeature, out double bestThreshold)
    {
        bestFeature = -1;
        bestThreshold = 0;
        var total = sample.Sum(i => targets[i]);
        var n = sample.Length;
        var bestScore = double.NegativeInfinity;
        var sorted = (int[])sample.Clone();
        var keys = new double[n];
        for (var feature = 0; feature < rows[0].Length; feature++)
        {
            for (var k = 0; k < n; k++)
            {
                keys[k] = rows[sample[k]][feature];
                sorted[k] = sample[k];
            }

            Array.Sort(keys, sorted);
            double leftSum = 0;
            for (var k = 0; k < n - 1; k++)
            {
                leftSum += targets[sorted[k]];
                if (keys[k + 1] <= keys[k] + FeatureGap)
                {
                    continue;
                }

                var leftCount = k + 1;
                var rightSum = total - leftSum;
                var score = leftSum * leftSum / leftCount + rightSum * rightSum / (n - leftCount);
                if (score > bestScore)
                {
                    bestScore = score;
                    bestFeature = feature;
                    var midpoint = keys[k] / 2 + keys[k + 1] / 2;
                    bestThreshold = midpoint == keys[k + 1] || double.IsInfinity(midpoint) ? keys[k] : midpoint;
                }
            }
        }

        return bestFeature >= 0;
    }

    private readonly record struct Node(int Feature, double Threshold, int Left, int Right, double Value);
}
