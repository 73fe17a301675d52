using Gaze.Clustering;

namespace Gaze.Tests.Engine;

/// <summary>k-means where ML.NET cannot run: no more distinct points than clusters.</summary>
public sealed class KMeansClusteringTests
{
    [Fact]
    public void One_repeated_point_gives_k_copies_of_it()
    {
        double[][] points = [.. Enumerable.Repeat(new[] { 512.5, 300.25 }, 40)];

        var centroids = KMeansClustering.Centroids(points, 4);

        Assert.Equal(4, centroids.Length);
        Assert.All(centroids, c => Assert.Equal([512.5, 300.25], c));
    }

    [Fact]
    public void Fewer_distinct_points_than_k_are_each_a_centre_repeated_up_to_k()
    {
        double[][] points = [[1, 1], [1, 1], [9, 9], [9, 9], [9, 9]];

        var centroids = KMeansClustering.Centroids(points, 5);

        Assert.Equal(5, centroids.Length);
        Assert.Equal(new[] { "1,1", "9,9" }, centroids.Select(c => string.Join(",", c)).Distinct().Order());
    }

    [Fact]
    public void Points_distinct_only_in_double_precision_count_as_repeats()
    {
        double[][] points = [[100, 100], [100 + 1e-9, 100], [200, 200]];

        var centroids = KMeansClustering.Centroids(points, 3);

        Assert.Equal(3, centroids.Length);
        Assert.Contains(centroids, c => c[0] == 200);
    }

    [Fact]
    public void More_distinct_points_than_k_are_clustered()
    {
        double[][] points = [[0, 0], [0, 1], [10, 10], [10, 11]];

        var centroids = KMeansClustering.Centroids(points, 2);

        Assert.Equal(new[] { 0.5, 10.5 }, centroids.Select(c => Math.Round(c[1], 3)).Order());
    }
}
