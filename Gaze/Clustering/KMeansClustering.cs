using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Gaze.Clustering;

/// <summary>
/// k-means (k-means++ initialisation, Lloyd iterations up to 300, tolerance 1e-4) on ML.NET.
/// Seeded, unlike the reference service, so the same request gives the same centroids; and run
/// from <see cref="Restarts"/> seeds keeping the tightest result, since a single k-means++ start
/// (the reference's <c>n_init="auto"</c>) can settle on a visibly worse local optimum.
/// </summary>
/// <remarks>
/// With no more distinct points than <c>k</c> (a frozen webcam makes every prediction the same
/// point) each distinct point is its own centre, and the list is filled up to <c>k</c> by repeating
/// them, as scikit-learn then returns <c>k</c> centres with repeats (with a ConvergenceWarning);
/// ML.NET would refuse such data.
/// </remarks>
public static class KMeansClustering
{
    public const int Restarts = 5;

    public static double[][] Centroids(double[][] points, int k, int seed = 42)
    {
        var distinct = points.Distinct(SinglePrecisionComparer.Instance).ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        if (distinct.Length <= k)
        {
            return [.. Enumerable.Range(0, k).Select(i => (double[])distinct[i % distinct.Length].Clone())];
        }

        double[][]? best = null;
        var bestInertia = double.PositiveInfinity;
        for (var restart = 0; restart < Restarts; restart++)
        {
            var centroids = Fit(points, k, seed + restart);
            var inertia = Inertia(points, centroids);
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (centroids, inertia);
            }
        }

        return best ?? Fit(points, k, seed);
    }

    private static double[][] Fit(double[][] points, int k, int seed)
    {
        var ml = new MLContext(seed);
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            MaximumNumberOfIterations = 300,
            OptimizationTolerance = 1e-4f,
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(MlNetRows.ToDataView(ml, points));
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out var count);
        return [.. centroids.Take(count).Select(centroid => centroid.DenseValues().Select(v => (double)v).ToArray())];
    }

    /// <summary>Sum of squared distances from each point to its nearest centroid.</summary>
    private static double Inertia(double[][] points, double[][] centroids) =>
        points.Sum(point => centroids.Min(centre =>
        {
            double squared = 0;
            for (var d = 0; d < point.Length; d++)
            {
                squared += (point[d] - centre[d]) * (point[d] - centre[d]);
            }

            return squared;
        }));

    /// <summary>
    /// Equality of the points ML.NET sees: it clusters in single precision, so points distinct only
    /// as doubles are repeats to it.
    /// </summary>
    private sealed class SinglePrecisionComparer : IEqualityComparer<double[]>
    {
        public static readonly SinglePrecisionComparer Instance = new();

        public bool Equals(double[]? a, double[]? b)
        {
            if (a is null || b is null || a.Length != b.Length)
            {
                return ReferenceEquals(a, b);
            }

            for (var d = 0; d < a.Length; d++)
            {
                if (!((float)a[d]).Equals((float)b[d]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(double[] point)
        {
            var hash = new HashCode();
            foreach (var value in point)
            {
                hash.Add((float)value);
            }

            return hash.ToHashCode();
        }
    }
}
