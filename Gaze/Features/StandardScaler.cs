using Gaze.Numerics;

namespace Gaze.Features;

/// <summary>
/// Standardises each column with the mean and population standard deviation (ddof 0) of the rows
/// it was fitted on, as scikit-learn's <c>StandardScaler</c>; a zero deviation is treated as 1.
/// Both moments are summed left to right.
/// </summary>
public sealed class StandardScaler : IFeatureStep
{
    private const double Epsilon = 2.220446049250313e-16; // machine epsilon of double (numpy's finfo.eps)

    private double[] _mean = [];
    private double[] _scale = [];

    public void Fit(double[][] rows)
    {
        var columns = rows[0].Length;
        _mean = new double[columns];
        _scale = new double[columns];
        var column = new double[rows.Length]; // the rows are row-major: each column is gathered once
        for (var c = 0; c < columns; c++)
        {
            for (var r = 0; r < rows.Length; r++)
            {
                column[r] = rows[r][c];
            }

            var mean = Moments.NaiveMean(column);
            var variance = Moments.NaivePopulationVariance(column, mean);
            _mean[c] = mean;
            // Like scikit-learn, a variance within rounding noise of zero counts as a constant column.
            var n = (double)rows.Length;
            var noise = n * Epsilon * variance + Math.Pow(n * mean * Epsilon, 2);
            _scale[c] = variance <= noise ? 1.0 : Math.Sqrt(variance);
        }
    }

    public double[][] Transform(double[][] rows)
    {
        var result = new double[rows.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var scaled = new double[row.Length];
            for (var c = 0; c < row.Length; c++)
            {
                scaled[c] = (row[c] - _mean[c]) / _scale[c];
            }

            result[r] = scaled;
        }

        return result;
    }
}
