using Gaze.Clustering;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Gaze.Tests.Engine;

/// <summary>
/// Our k-means against ML.NET's trainer (k-means++, best of 5 seeds) on gaze-like point sets:
/// separated clusters must give the same centres, overlapping ones an inertia no worse than 1%
/// above ML.NET's (both are local optima; ML.NET computes in single precision).
/// </summary>
public sealed class KMeansAgainstMlNetTests
{
    public static TheoryData<int, int, double> PointSets => new()
    {
        // seed, k, spread of each target's predictions in px (targets are 200-300 px apart)
        { 1, 9, 8 },
        { 2, 9, 40 },
        { 3, 5, 15 },
        { 4, 5, 120 },
        { 5, 3, 200 },
        { 6, 9, 150 },
    };

    [Theory]
    [MemberData(nameof(PointSets))]
    public void Fits_the_points_as_well_as_MlNet(int seed, int k, double spread)
    {
        var points = GazeLikePoints(seed, k, spread);

        var ours = KMeansClustering.Centroids(points, k);
        var theirs = MlNetCentroids(points, k);

        Assert.Equal(k, ours.Length);
        Assert.True(Inertia(ours, points) <= Inertia(theirs, points) * 1.01, $"ours {Inertia(ours, points):F1}, ML.NET {Inertia(theirs, points):F1}");
    }

    [Fact]
    public void Separated_clusters_get_ML_NETs_centres()
    {
        var points = GazeLikePoints(11, 9, 5);

        var ours = KMeansClustering.Centroids(points, 9);
        var theirs = MlNetCentroids(points, 9);

        foreach (var centre in ours)
        {
            Assert.True(theirs.Min(t => Distance(t, centre)) < 0.05, $"({centre[0]}, {centre[1]}) is not one of ML.NET's centres");
        }
    }

    // k targets on a 3-column grid, 18 predictions around each (a calibration's held-out rows).
    private static double[][] GazeLikePoints(int seed, int k, double spread)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, k * 18).Select(i =>
        {
            var target = i % k;
            return new[] { 200 + (target % 3 * 300) + (Gaussian(random) * spread), 150 + (target / 3 * 250) + (Gaussian(random) * spread) };
        })];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[][] MlNetCentroids(double[][] points, int k)
    {
        double[][]? best = null;
        for (var seed = 42; seed < 47; seed++)
        {
            var ml = new MLContext(seed);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, 2);
            var data = ml.Data.LoadFromEnumerable(points.Select(p => new Row { Features = [(float)p[0], (float)p[1]] }), schema);
            var model = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                NumberOfClusters = k,
                InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
                MaximumNumberOfIterations = 300,
                OptimizationTolerance = 1e-4f,
                NumberOfThreads = 1,
            }).Fit(data);
            VBuffer<float>[] centroids = [];
            model.Model.GetClusterCentroids(ref centroids, out var count);
            double[][] found = [.. centroids.Take(count).Select(c => c.DenseValues().Select(v => (double)v).ToArray())];
            if (best is null || Inertia(found, points) < Inertia(best, points))
            {
                best = found;
            }
        }

        return best!;
    }

    private static double Inertia(double[][] centres, double[][] points) =>
        points.Sum(p => centres.Min(c => Math.Pow(Distance(c, p), 2)));

    private static double Distance(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2));

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
