using Gaze.Grains.Gaze.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Gaze.Grains.Gaze.Clustering;

/// <summary>
/// k-means (k-means++ initialisation, Lloyd iterations up to 300, tolerance 1e-4) on ML.NET.
/// Seeded, unlike the reference service, so the same request gives the same centroids.
/// </summary>
public static class KMeansClustering
{
    public static double[][] Centroids(double[][] points, int k, int seed = 42)
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
}
