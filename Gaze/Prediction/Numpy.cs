using Gaze.Numerics;
using MathNet.Numerics.Statistics;

namespace Gaze.Prediction;

/// <summary>
/// The few numpy reductions the prediction pipelines use, with numpy's definitions: population
/// standard deviation (ddof 0), median averaging the two middle values, and linear-interpolation
/// percentiles (numpy's default, Hyndman–Fan R7, as MathNet's <see cref="QuantileDefinition.R7"/>).
/// Mean and standard deviation sum left to right where numpy sums pairwise: the two differ only in the
/// last bits, and the prediction pipelines' parity tolerance is far wider than that.
/// </summary>
public static class Numpy
{
    /// <summary>The mean, summed left to right (see <see cref="Moments.NaiveSum"/>).</summary>
    public static double Mean(double[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("The mean of no values is undefined.", nameof(values));
        }

        return Moments.NaiveMean(values);
    }

    /// <summary>The population standard deviation, its mean and squares summed left to right.</summary>
    public static double PopulationStd(double[] values) => Math.Sqrt(Moments.NaivePopulationVariance(values, Mean(values)));

    public static double Median(double[] values) => Statistics.Median(values);

    /// <summary>The <paramref name="percent"/>-th percentile (0-100), linear interpolation.</summary>
    public static double Percentile(double[] values, double percent) =>
        Statistics.QuantileCustom(values, percent / 100, QuantileDefinition.R7);

    public static double[] Select(double[] values, bool[] keep)
    {
        var result = new List<double>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            if (keep[i])
            {
                result.Add(values[i]);
            }
        }

        return [.. result];
    }
}
