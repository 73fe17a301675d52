namespace Gaze.Prediction;

/// <summary>
/// The stateless pipeline's calibration clean-up (docs/algorithms.md section 4, step 1): a row is kept when its modified
/// z-score <c>0.6745·(v − median)/MAD</c> is at most 6 in every given column. A column whose MAD is
/// below 1e-9 (nearly constant) removes nothing, since its z-scores would be meaningless.
/// </summary>
public static class RobustOutlierFilter
{
    private const double Consistency = 0.6745;
    private const double Threshold = 6.0;
    private const double MinimumMad = 1e-9;

    public static bool[] Keep(params double[][] columns)
    {
        var count = columns[0].Length;
        var keep = Enumerable.Repeat(true, count).ToArray();
        foreach (var column in columns)
        {
            var median = Numpy.Median(column);
            var mad = Numpy.Median([.. column.Select(v => Math.Abs(v - median))]);
            if (mad < MinimumMad)
            {
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                keep[i] &= Math.Abs(Consistency * (column[i] - median) / mad) <= Threshold;
            }
        }

        return keep;
    }
}
