namespace Gaze.Models;

/// <summary>
/// Jagged rows copied into one contiguous row-major array: the iterative solvers walk rows in a
/// tight loop, where one array (and no bounds check per row object) is what keeps them fast.
/// </summary>
internal static class RowMajor
{
    /// <summary>The n×p rows as one array (row i at i·p), after checking they are complete and finite.</summary>
    public static double[] Flatten(double[][] rows, int p, string paramName)
    {
        var x = new double[checked(rows.Length * p)];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException("Rows must not be null.", paramName);
            if (row.Length != p)
            {
                throw new ArgumentException($"Row {i} has {row.Length} features, expected {p}.", paramName);
            }

            for (var k = 0; k < p; k++)
            {
                if (!double.IsFinite(row[k]))
                {
                    throw new ArgumentException($"Row {i} contains a non-finite value.", paramName);
                }
            }

            row.CopyTo(x, i * p);
        }

        return x;
    }
}
