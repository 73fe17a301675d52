namespace Gaze.Selection;

/// <summary>Coefficient of determination as scikit-learn's <c>r2_score</c> (with <c>force_finite</c>).</summary>
public static class RSquared
{
    public static double Score(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        var mean = actual.Average();
        double residual = 0;
        double total = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            residual += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        // A constant truth: perfect predictions score 1, anything else 0 (not -inf or NaN).
        if (total == 0)
        {
            return residual == 0 ? 1.0 : 0.0;
        }

        return 1 - residual / total;
    }
}
