namespace Gaze.Numerics;

/// <summary>
/// Sums, means and population variances (ddof 0), each named after its summation order. The order
/// decides the last bits of the result, and the parity with scikit-learn depends on those bits in
/// places (an SVR's gamma steers every later iterate), so a caller picks the order its reference
/// uses and this class never changes it:
/// <list type="bullet">
/// <item><c>Naive…</c>: one accumulator, left to right.</item>
/// <item><c>Pairwise…</c>: numpy's pairwise summation, what <c>np.sum</c>, <c>np.mean</c> and
/// <c>np.var</c> do on a contiguous float64 array.</item>
/// </list>
/// Everything takes a span; a caller with strided data (a column of row-major rows) copies it into
/// a reused buffer once, which costs one pass next to the two passes the moments make anyway.
/// </summary>
internal static class Moments
{
    /// <summary>Σ values, added left to right.</summary>
    public static double NaiveSum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }

    /// <summary><see cref="NaiveSum"/> / n (NaN for no values).</summary>
    public static double NaiveMean(ReadOnlySpan<double> values) => NaiveSum(values) / values.Length;

    /// <summary>Σ (v - mean)² / n, the squares added left to right.</summary>
    public static double NaivePopulationVariance(ReadOnlySpan<double> values, double mean)
    {
        double squares = 0;
        foreach (var value in values)
        {
            var deviation = value - mean;
            squares += deviation * deviation;
        }

        return squares / values.Length;
    }

    /// <summary>
    /// numpy's pairwise summation for float64 (numpy 1.24 <c>pairwise_sum_DOUBLE</c>): plain loop below 8
    /// elements, eight interleaved accumulators up to a 128-element block, and recursive halving (split kept
    /// at a multiple of 8) above that.
    /// </summary>
    public static double PairwiseSum(ReadOnlySpan<double> values)
    {
        var n = values.Length;
        if (n < 8)
        {
            var res = 0.0;
            for (var i = 0; i < n; i++)
            {
                res += values[i];
            }

            return res;
        }

        if (n <= 128)
        {
            Span<double> r = stackalloc double[8];
            values[..8].CopyTo(r);
            var i = 8;
            for (; i < n - (n % 8); i += 8)
            {
                for (var k = 0; k < 8; k++)
                {
                    r[k] += values[i + k];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++)
            {
                res += values[i];
            }

            return res;
        }

        var half = n / 2;
        half -= half % 8;
        return PairwiseSum(values[..half]) + PairwiseSum(values[half..]);
    }

    /// <summary><see cref="PairwiseSum"/> / n: numpy's <c>mean</c>.</summary>
    public static double PairwiseMean(ReadOnlySpan<double> values) => PairwiseSum(values) / values.Length;

    /// <summary>
    /// numpy's <c>var</c> given its mean: the squared deviations are materialised first, as numpy does, so
    /// that they too are summed pairwise.
    /// </summary>
    public static double PairwisePopulationVariance(ReadOnlySpan<double> values, double mean)
    {
        var squared = new double[values.Length];
        for (var k = 0; k < values.Length; k++)
        {
            var deviation = values[k] - mean;
            squared[k] = deviation * deviation;
        }

        return PairwiseSum(squared) / values.Length;
    }
}
