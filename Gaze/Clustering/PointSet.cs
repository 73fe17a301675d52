namespace Gaze.Clustering;

/// <summary>
/// The points of a k-means run, flattened row-major (coordinate <c>d</c> of point <c>i</c> at
/// <c>i * Dimensions + d</c>), with the distance sums the initialisation and the iterations share.
/// Centres are flattened the same way.
/// </summary>
internal sealed class PointSet
{
    public PointSet(double[][] points)
    {
        Count = points.Length;
        Dimensions = points[0].Length;
        Values = new double[Count * Dimensions];
        for (var i = 0; i < Count; i++)
        {
            points[i].CopyTo(Values, i * Dimensions);
        }
    }

    public int Count { get; }

    public int Dimensions { get; }

    public double[] Values { get; }

    /// <summary>Squared distance from point <paramref name="i"/> to centre <paramref name="c"/> of <paramref name="centres"/>.</summary>
    public double SquaredDistance(int i, double[] centres, int c)
    {
        double sum = 0;
        for (var d = 0; d < Dimensions; d++)
        {
            var difference = Values[i * Dimensions + d] - centres[c * Dimensions + d];
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>The nearest of <paramref name="k"/> centres to point <paramref name="i"/> (the first of equals) and its squared distance.</summary>
    public (int Centre, double SquaredDistance) Nearest(int i, double[] centres, int k)
    {
        var best = 0;
        var bestDistance = SquaredDistance(i, centres, 0);
        for (var c = 1; c < k; c++)
        {
            var distance = SquaredDistance(i, centres, c);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (c, distance);
            }
        }

        return (best, bestDistance);
    }

    /// <summary>Sum of squared distances from each point to its nearest centre.</summary>
    public double Inertia(double[] centres, int k)
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += Nearest(i, centres, k).SquaredDistance;
        }

        return sum;
    }

    /// <summary>The mean over coordinates of each coordinate's (population) variance: the scale of scikit-learn's tolerance.</summary>
    public double MeanVariance()
    {
        double total = 0;
        for (var d = 0; d < Dimensions; d++)
        {
            double mean = 0;
            for (var i = 0; i < Count; i++)
            {
                mean += Values[i * Dimensions + d];
            }

            mean /= Count;
            double squares = 0;
            for (var i = 0; i < Count; i++)
            {
                var difference = Values[i * Dimensions + d] - mean;
                squares += difference * difference;
            }

            total += squares / Count;
        }

        return total / Dimensions;
    }

    public double[][] Unflatten(double[] centres, int k) =>
        [.. Enumerable.Range(0, k).Select(c => centres.AsSpan(c * Dimensions, Dimensions).ToArray())];
}
