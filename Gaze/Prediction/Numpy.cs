using MathNet.Numerics.Statistics;

namespace Gaze.Prediction;

/// <summary>
/// The few numpy reductions the prediction pipelines use, with numpy's definitions: population
/// standard deviation (ddof 0), median averaging the two middle values, and linear-interpolation
/// percentiles (numpy's default, Hyndman–Fan R7, as MathNet's <see cref="QuantileDefinition.R7"/>).
/// </summary>
public static class Numpy
{
    public static double Mean(double[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException("The mean of no values is undefined.", nameof(values));
        }

        double sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    public static double PopulationStd(double[] values)
    {
        var mean = Mean(values);
        double squares = 0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / values.Length);
    }

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
