namespace Gaze.Clustering;

/// <summary>
/// k-means as scikit-learn 1.2.1's <c>KMeans(k)</c> runs it (greedy k-means++ initialisation, Lloyd
/// iterations up to 300, tolerance 1e-4 of the mean feature variance, 10 starts keeping the lowest
/// inertia), in double precision. Seeded, unlike the reference service, so the same request gives
/// the same centroids.
/// </summary>
/// <remarks>
/// Written here rather than run on ML.NET's <c>KMeansTrainer</c>, which this service used before:
/// on the 100-200 held-out predictions of a calibration, ML.NET's trainer takes 2.5-4 ms per start
/// whatever its options (its data-view passes, not the arithmetic), which was 70% of a linear
/// regression calibration; this takes microseconds, so it can afford scikit-learn's 10 starts.
/// The test suite checks it against ML.NET's trainer on the same points.
/// <para>
/// With no more distinct points than <c>k</c> (a frozen webcam makes every prediction the same
/// point) each distinct point is its own centre, and the list is filled up to <c>k</c> by repeating
/// them, as scikit-learn then returns <c>k</c> centres with repeats (with a ConvergenceWarning).
/// </para>
/// </remarks>
public static class KMeansClustering
{
    /// <summary>Starts from different seeds; the one with the lowest inertia is kept.</summary>
    public const int Starts = 10;

    private const int MaxIterations = 300;
    private const double Tolerance = 1e-4;

    public static double[][] Centroids(double[][] points, int k, int seed = 42)
    {
        var distinct = points.Distinct(ExactComparer.Instance).ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        if (distinct.Length <= k)
        {
            return [.. Enumerable.Range(0, k).Select(i => (double[])distinct[i % distinct.Length].Clone())];
        }

        var data = new PointSet(points);
        var random = new Random(seed);
        var tolerance = data.MeanVariance() * Tolerance;
        double[]? best = null;
        var bestInertia = double.PositiveInfinity;
        for (var start = 0; start < Starts; start++)
        {
            var centres = LloydIterations.Run(data, KMeansPlusPlus.Choose(data, k, random), tolerance, MaxIterations);
            var inertia = data.Inertia(centres, k);
            // Strictly lower, so the earliest of equal starts is kept, as scikit-learn does.
            if (inertia < bestInertia)
            {
                (best, bestInertia) = (centres, inertia);
            }
        }

        return data.Unflatten(best!, k);
    }

    /// <summary>Exact equality of points: two predictions are one point only if they are equal.</summary>
    private sealed class ExactComparer : IEqualityComparer<double[]>
    {
        public static readonly ExactComparer Instance = new();

        public bool Equals(double[]? a, double[]? b) =>
            a is null || b is null ? ReferenceEquals(a, b) : a.AsSpan().SequenceEqual(b);

        public int GetHashCode(double[] point)
        {
            var hash = new HashCode();
            foreach (var value in point)
            {
                hash.Add(value);
            }

            return hash.ToHashCode();
        }
    }
}
