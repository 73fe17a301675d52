namespace Gaze.Sampling;

/// <summary>
/// scikit-learn's <c>KFold(n_splits, shuffle=False)</c>: the rows, in the order given, cut into
/// contiguous folds; the first n % n_splits folds are one row larger.
/// </summary>
/// <remarks>
/// WHY no randomness: the reference service does not shuffle here, so fold k is always the same
/// block of the given order; indices refer to positions in that order. Training indices are the
/// remaining positions in ascending order, as sklearn yields them.
/// </remarks>
public static class KFold
{
    /// <summary>
    /// One (Train, Test) pair per fold, folds in order.
    /// </summary>
    /// <exception cref="SplitImpossibleException">
    /// Fewer rows than folds (sklearn raises a ValueError here): a data problem the caller reports.
    /// </exception>
    public static IReadOnlyList<(int[] Train, int[] Test)> Split(int rowCount, int nSplits = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nSplits, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(rowCount);
        if (rowCount < nSplits)
        {
            throw new SplitImpossibleException(
                $"Cannot make {nSplits} folds from {rowCount} rows: at least {nSplits} rows are needed.");
        }

        var baseSize = rowCount / nSplits;
        var larger = rowCount % nSplits;
        var folds = new List<(int[] Train, int[] Test)>(nSplits);
        var start = 0;
        for (var fold = 0; fold < nSplits; fold++)
        {
            var size = baseSize + (fold < larger ? 1 : 0);
            var stop = start + size;
            var test = Enumerable.Range(start, size).ToArray();
            var train = Enumerable.Range(0, start).Concat(Enumerable.Range(stop, rowCount - stop)).ToArray();
            folds.Add((train, test));
            start = stop;
        }
        return folds;
    }
}
