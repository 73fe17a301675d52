using System.Globalization;
using Gaze.Calibration;

namespace Gaze.Prediction;

/// <summary>
/// Computes <see cref="ValidationMetrics"/>: the validation samples are predicted as one batch and
/// split evenly, in order, over the calibration's distinct targets (the front records the same
/// number of samples for each target, in target order).
/// </summary>
public static class ValidationMetricsCalculator
{
    private const double ExcellentPx = 40;
    private const double GoodPx = 75;
    private const double FairPx = 120;

    public static ValidationMetrics Compute(GazeMapping mapping, IReadOnlyList<CalibrationSample> calibration, EyePositions validation)
    {
        var targets = calibration.Select(row => (row.PointX, row.PointY)).Distinct().ToArray(); // Distinct keeps first-seen order
        if (targets.Length == 0)
        {
            return ValidationMetrics.Unknown;
        }

        // Too few validation samples to give each target one: no errors to report, but the counts
        // are known (the reference reports them too).
        var predictions = validation.Count == 0 ? null : mapping.Predict(validation);
        var perTarget = predictions is null ? 0 : Math.Min(predictions.Count, validation.Count) / targets.Length;
        if (predictions is null || perTarget == 0)
        {
            return ValidationMetrics.Unknown with { Samples = 0, Points = targets.Length };
        }

        var details = new List<ValidationPointMetrics>(targets.Length);
        var errorsX = new List<double>();
        var errorsY = new List<double>();
        var errors = new List<double>();
        for (var t = 0; t < targets.Length; t++)
        {
            var (targetX, targetY) = targets[t];
            var targetErrors = new double[perTarget];
            for (var i = 0; i < perTarget; i++)
            {
                var ex = Math.Abs(predictions.X[t * perTarget + i] - targetX);
                var ey = Math.Abs(predictions.Y[t * perTarget + i] - targetY);
                targetErrors[i] = Math.Sqrt(ex * ex + ey * ey);
                errorsX.Add(ex);
                errorsY.Add(ey);
            }

            errors.AddRange(targetErrors);
            details.Add(new ValidationPointMetrics(targetX, targetY, perTarget, Round2(Numpy.Mean(targetErrors)), Round2(Numpy.PopulationStd(targetErrors)),
                Round2(PercentWithin(targetErrors, 50)), Round2(PercentWithin(targetErrors, 100))));
        }

        double[] all = [.. errors];
        var mean = Numpy.Mean(all);
        return new ValidationMetrics(
            all.Length,
            targets.Length,
            Round2(mean),
            Round2(Numpy.Median(all)),
            Round2(Math.Sqrt(Numpy.Mean([.. all.Select(e => e * e)]))),
            Round2(Numpy.Mean([.. errorsX])),
            Round2(Numpy.Mean([.. errorsY])),
            Round2(PercentWithin(all, 50)),
            Round2(PercentWithin(all, 100)),
            Quality(mean),
            details);
    }

    /// <summary>The quality label of a mean error, judged before rounding.</summary>
    public static string Quality(double meanErrorPx) => meanErrorPx switch
    {
        <= ExcellentPx => "Excellent",
        <= GoodPx => "Good",
        <= FairPx => "Fair",
        _ => "Poor",
    };

    private static double PercentWithin(double[] errors, double radius) => (double)errors.Count(e => e <= radius) / errors.Length * 100;

    /// <summary>
    /// Rounds to 2 decimals from the exact decimal value of the double, as Python's round does
    /// (Math.Round scales by 100 first, which can cross a rounding boundary). Exact binary ties,
    /// such as 0.125, round away from zero here and to even in Python.
    /// </summary>
    private static double Round2(double value) =>
        double.Parse(value.ToString("F2", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
