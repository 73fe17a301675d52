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
public static class KMeansClustering
{
    public const int Restarts = 5;

    public static double[][] Centroids(double[][] points, int k, int seed = 42)
    {
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
}
