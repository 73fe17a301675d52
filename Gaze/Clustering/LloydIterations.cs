namespace Gaze.Clustering;

/// <summary>
/// Lloyd's iterations as scikit-learn's <c>lloyd</c> runs them: assign every point to its nearest
/// centre, move each centre to the mean of its points; stop when no point changes centre, when the
/// summed squared centre shift is at most the tolerance, or after the iteration cap.
/// </summary>
/// <remarks>
/// A centre left without points moves to the point farthest from its own centre (of those whose
/// cluster keeps a point), which leaves its old cluster (scikit-learn relocates empty clusters the same way).
/// </remarks>
internal static class LloydIterations
{
    public static double[] Run(PointSet points, double[] centres, double tolerance, int maxIterations)
    {
        var n = points.Count;
        var dimensions = points.Dimensions;
        var k = centres.Length / dimensions;
        var labels = new int[n];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var distances = new double[n];
        var sums = new double[centres.Length];
        var counts = new int[k];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            for (var i = 0; i < n; i++)
            {
                (labels[i], distances[i]) = points.Nearest(i, centres, k);
            }

            Means(points, labels, distances, sums, counts, k);
            double shift = 0;
            for (var j = 0; j < centres.Length; j++)
            {
                var moved = sums[j] - centres[j];
                shift += moved * moved;
            }

            (centres, sums) = (sums, centres);
            if (labels.AsSpan().SequenceEqual(previous) || shift <= tolerance)
            {
                break;
            }

            (labels, previous) = (previous, labels);
        }

        return centres;
    }

    /// <summary>Writes each cluster's mean into <paramref name="means"/>, relocating empty clusters first.</summary>
    private static void Means(PointSet points, int[] labels, double[] distances, double[] means, int[] counts, int k)
    {
        var dimensions = points.Dimensions;
        Array.Clear(counts);
        foreach (var label in labels)
        {
            counts[label]++;
        }

        for (var c = 0; c < k; c++)
        {
            if (counts[c] > 0)
            {
                continue;
            }

            // Taken only from a cluster it does not empty.
            var farthest = -1;
            for (var i = 0; i < labels.Length; i++)
            {
                if (counts[labels[i]] > 1 && (farthest < 0 || distances[i] > distances[farthest]))
                {
                    farthest = i;
                }
            }

            counts[labels[farthest]]--;
            labels[farthest] = c;
            distances[farthest] = 0;
            counts[c] = 1;
        }

        Array.Clear(means);
        for (var i = 0; i < labels.Length; i++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                means[labels[i] * dimensions + d] += points.Values[i * dimensions + d];
            }
        }

        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                means[c * dimensions + d] /= counts[c];
            }
        }
    }
}
