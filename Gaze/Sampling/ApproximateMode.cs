namespace Gaze.Sampling;

/// <summary>
/// scikit-learn's <c>_approximate_mode</c> (sklearn.utils, 1.2.1): how many of
/// <c>draws</c> rows each class gets so the per-class shares follow the class sizes.
/// </summary>
/// <remarks>
/// WHY a faithful copy of the arithmetic: the result decides how many rows of each target go to
/// train and test, and its tie-breaking consumes random numbers that every later draw depends on.
/// Facts mirrored (checked in sklearn's source and against its output):
/// <list type="bullet">
/// <item>share = count / total * draws, evaluated in double in exactly that order (the rounding
/// of e.g. 3/7*7 decides which classes tie);</item>
/// <item>each class gets floor(share); if rows are left, remainders are visited from the largest
/// distinct value down; the classes with that exact remainder (in class order) are all given one
/// more row if enough rows are left, otherwise a random subset chosen by
/// <c>choice(tied, size, replace=False)</c>. The choice is made, consuming draws, even when all
/// tied classes are taken; visiting stops as soon as no row is left;</item>
/// <item>when floor already gives every row, nothing is drawn.</item>
/// </list>
/// </remarks>
public static class ApproximateMode
{
    /// <summary>Per-class allotment summing to <paramref name="draws"/>.</summary>
    public static int[] Compute(IReadOnlyList<int> counts, int draws, NumpyRandomState rng)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(rng);

        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }
        if (total <= 0)
        {
            throw new ArgumentException("The class counts must add up to a positive number.", nameof(counts));
        }

        var k = counts.Count;
        var share = new double[k];
        var floored = new double[k];
        double flooredSum = 0;
        for (var i = 0; i < k; i++)
        {
            share[i] = (double)counts[i] / total * draws;
            floored[i] = Math.Floor(share[i]);
            flooredSum += floored[i]; // integral doubles: exact in any order, like numpy's sum
        }

        var result = new int[k];
        for (var i = 0; i < k; i++)
        {
            result[i] = (int)floored[i];
        }

        var needToAdd = (int)(draws - flooredSum);
        if (needToAdd <= 0)
        {
            return result;
        }

        var remainder = new double[k];
        for (var i = 0; i < k; i++)
        {
            remainder[i] = share[i] - floored[i];
        }

        // Distinct remainders, largest first (numpy: sort(unique(remainder))[::-1]).
        var levels = remainder.Distinct().OrderByDescending(v => v).ToArray();
        foreach (var level in levels)
        {
            var tied = Enumerable.Range(0, k).Where(i => remainder[i] == level).ToArray();
            var addNow = Math.Min(tied.Length, needToAdd);
            foreach (var pick in rng.ChoiceWithoutReplacement(tied.Length, addNow))
            {
                result[tied[pick]]++;
            }
            needToAdd -= addNow;
            if (needToAdd == 0)
            {
                break;
            }
        }
        return result;
    }
}
