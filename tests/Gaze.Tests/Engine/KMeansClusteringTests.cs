using Gaze.Clustering;

namespace Gaze.Tests.Engine;

/// <summary>k-means on degenerate inputs: no more distinct points than clusters, and determinism.</summary>
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
    public void Points_apart_by_a_nanopixel_are_distinct_points()
    {
        double[][] points = [[100, 100], [100 + 1e-9, 100], [200, 200], [200, 200]];

        var centroids = KMeansClustering.Centroids(points, 3);

        Assert.Equal(new[] { 100, 100 + 1e-9, 200 }, centroids.Select(c => c[0]).Order());
    }

    [Fact]
    public void The_same_points_and_seed_give_the_same_centres()
    {
        var random = new Random(7);
        double[][] points = [.. Enumerable.Range(0, 150).Select(_ => new[] { random.NextDouble() * 1000, random.NextDouble() * 800 })];

        var first = KMeansClustering.Centroids(points, 6);
        var second = KMeansClustering.Centroids(points, 6);

        Assert.Equal(first.SelectMany(c => c), second.SelectMany(c => c));
    }

    [Fact]
    public void More_distinct_points_than_k_are_clustered()
    {
        double[][] points = [[0, 0], [0, 1], [10, 10], [10, 11]];

        var centroids = KMeansClustering.Centroids(points, 2);

        Assert.Equal(new[] { 0.5, 10.5 }, centroids.Select(c => Math.Round(c[1], 3)).Order());
    }
}
