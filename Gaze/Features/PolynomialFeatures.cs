namespace Gaze.Features;

/// <summary>
/// Degree-2 polynomial expansion with a bias column, in scikit-learn's column order: for inputs
/// (x1..xn): 1, x1..xn, then every product xi*xj with i &lt;= j in lexicographic order.
/// For (a, b) that is [1, a, b, a², ab, b²]. Stateless, so fitting does nothing.
/// </summary>
public sealed class PolynomialFeatures : IFeatureStep
{
    public void Fit(double[][] rows)
    {
    }

    public double[][] Transform(double[][] rows)
    {
        var result = new double[rows.Length][];
        for (var r = 0; r < rows.Length; r++)
        {
            result[r] = Expand(rows[r]);
        }

        return result;
    }

    public static double[] Expand(double[] row)
    {
        var n = row.Length;
        var expanded = new double[1 + n + n * (n + 1) / 2];
        expanded[0] = 1;
        Array.Copy(row, 0, expanded, 1, n);
        var k = 1 + n;
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                expanded[k++] = row[i] * row[j];
            }
        }

        return expanded;
    }
}
