using Gaze.Numerics;

namespace Gaze.Calibration;

/// <summary>Per-target calibration quality, in pixels.</summary>
public static class TargetMetrics
{
    /// <summary>Mean of the population standard deviations of the x and y predictions around their own means.</summary>
    public static double PrecisionSd(IReadOnlyList<double> predictedX, IReadOnlyList<double> predictedY) =>
        (PopulationStd(predictedX) + PopulationStd(predictedY)) / 2;

    /// <summary>Mean Euclidean distance between the target and each prediction.</summary>
    public static double Accuracy(double trueX, double trueY, IReadOnlyList<double> predictedX, IReadOnlyList<double> predictedY)
    {
        double sum = 0;
        for (var i = 0; i < predictedX.Count; i++)
        {
            var dx = trueX - predictedX[i];
            var dy = trueY - predictedY[i];
            sum += Math.Sqrt(dx * dx + dy * dy);
        }

        return sum / predictedX.Count;
    }

    /// <summary>The population standard deviation, its mean and squares summed left to right.</summary>
    public static double PopulationStd(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new InvalidOperationException("The deviation of no values is undefined.");
        }

        var array = values as double[] ?? [.. values];
        return Math.Sqrt(Moments.NaivePopulationVariance(array, Moments.NaiveMean(array)));
    }
}
