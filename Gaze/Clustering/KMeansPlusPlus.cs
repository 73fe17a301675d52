namespace Gaze.Clustering;

/// <summary>
/// Greedy k-means++ seeding, as scikit-learn's <c>_kmeans_plusplus</c>: the first centre is a point
/// drawn uniformly; each further centre is the best of <c>2 + ln k</c> points drawn with probability
/// proportional to their squared distance to the centres so far, "best" being the one that leaves
/// the smallest sum of squared distances.
/// </summary>
internal static class KMeansPlusPlus
{
    public static double[] Choose(PointSet points, int k, Random random)
    {
        var n = points.Count;
        var dimensions = points.Dimensions;
        var centres = new double[k * dimensions];
        var trials = 2 + (int)Math.Log(k);
        SetCentre(points, centres, 0, random.Next(n));

        var closest = new double[n];
        for (var i = 0; i < n; i++)
        {
            closest[i] = points.SquaredDistance(i, centres, 0);
        }

        var cumulative = new double[n];
        var candidateDistances = new double[n];
        var bestDistances = new double[n];
        for (var c = 1; c < k; c++)
        {
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                running += closest[i];
                cumulative[i] = running;
            }

            var bestPotential = double.PositiveInfinity;
            var bestCandidate = -1;
            for (var trial = 0; trial < trials; trial++)
            {
                var candidate = FirstAtLeast(cumulative, random.NextDouble() * running);
                double potential = 0;
                for (var i = 0; i < n; i++)
                {
                    // The points' own array as the "centres": the distance from point i to the candidate point.
                    candidateDistances[i] = Math.Min(closest[i], points.SquaredDistance(i, points.Values, candidate));
                    potential += candidateDistances[i];
                }

                if (bestCandidate < 0 || potential < bestPotential)
                {
                    (bestPotential, bestCandidate) = (potential, candidate);
                    (bestDistances, candidateDistances) = (candidateDistances, bestDistances);
                }
            }

            SetCentre(points, centres, c, bestCandidate);
            (closest, bestDistances) = (bestDistances, closest);
        }

        return centres;
    }

    /// <summary>numpy's <c>searchsorted(side="left")</c>, clipped to the last index as scikit-learn clips it.</summary>
    private static int FirstAtLeast(double[] cumulative, double value)
    {
        var index = Array.BinarySearch(cumulative, value);
        if (index < 0)
        {
            index = ~index;
        }
        else
        {
            // Equal sums repeat where points sit on a centre: the first of them, as numpy.
            while (index > 0 && cumulative[index - 1] == value)
            {
                index--;
            }
        }

        return Math.Min(index, cumulative.Length - 1);
    }

    private static void SetCentre(PointSet points, double[] centres, int c, int point) =>
        Array.Copy(points.Values, point * points.Dimensions, centres, c * points.Dimensions, points.Dimensions);
}
