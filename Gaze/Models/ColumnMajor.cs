using System.Runtime.Intrinsics;

namespace Gaze.Models;

/// <summary>
/// Dot products and squared distances between one query vector and many vectors stored column-major
/// (feature k of vector m at <c>k * count + m</c>), so that four of them advance together in SIMD lanes.
/// Each lane still performs the scalar sequence (start at 0, add one term per feature in order, separate
/// multiply and add), so the results are the doubles a plain loop gives, which libsvm parity needs.
/// </summary>
internal static class ColumnMajor
{
    /// <summary>Row-major n×p to column-major (p×n).</summary>
    public static double[] Transpose(double[] x, int n, int p)
    {
        var columns = new double[x.Length];
        for (var i = 0; i < n; i++)
        {
            for (var k = 0; k < p; k++)
            {
                columns[k * n + i] = x[i * p + k];
            }
        }

        return columns;
    }

    /// <summary>result[m] = query · v_m for m in [start, count), each summed in feature order.</summary>
    public static void Dots(ReadOnlySpan<double> query, double[] columns, int count, int start, Span<double> result)
    {
        var p = query.Length;
        var m = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; m <= count - Vector256<double>.Count; m += Vector256<double>.Count)
            {
                var sum = Vector256<double>.Zero;
                for (var k = 0; k < p; k++)
                {
                    sum += Vector256.Create(query[k]) * Vector256.Create(columns.AsSpan(k * count + m, Vector256<double>.Count));
                }

                sum.CopyTo(result.Slice(m, Vector256<double>.Count));
            }
        }

        for (; m < count; m++)
        {
            double sum = 0;
            for (var k = 0; k < p; k++)
            {
                sum += query[k] * columns[k * count + m];
            }

            result[m] = sum;
        }
    }

    /// <summary>result[m] = Σ_k (query_k - v_m,k)² for m in [0, count), summed in feature order.</summary>
    public static void SquaredDistances(ReadOnlySpan<double> query, double[] columns, int count, Span<double> result)
    {
        var p = query.Length;
        var m = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; m <= count - Vector256<double>.Count; m += Vector256<double>.Count)
            {
                var sum = Vector256<double>.Zero;
                for (var k = 0; k < p; k++)
                {
                    var d = Vector256.Create(query[k]) - Vector256.Create(columns.AsSpan(k * count + m, Vector256<double>.Count));
                    sum += d * d;
                }

                sum.CopyTo(result.Slice(m, Vector256<double>.Count));
            }
        }

        for (; m < count; m++)
        {
            double sum = 0;
            for (var k = 0; k < p; k++)
            {
                var d = query[k] - columns[k * count + m];
                sum += d * d;
            }

            result[m] = sum;
        }
    }
}
