using Gaze.Numerics;

namespace Gaze.Models;

/// <summary>
/// Kernel evaluation with the exact floating-point recipe of scikit-learn 1.2.1's bundled libsvm, so that the
/// solver sees bit-identical numbers and therefore walks the same iterate sequence:
/// <list type="bullet">
/// <item>Dot products are summed strictly in feature order (sklearn calls reference BLAS <c>ddot</c>, whose
/// unrolled loop still adds left to right; no FMA on x86-64 baseline builds, and .NET never contracts).</item>
/// <item>During training the RBF kernel is <c>exp(-gamma * ((|a|² + |b|²) - 2 a·b))</c> with precomputed
/// squared norms, and every Gram entry is rounded to <see cref="float"/> (libsvm's <c>Qfloat</c>), while the
/// diagonal stays in <see cref="double"/>.</item>
/// <item>At prediction time RBF is <c>exp(-gamma * Σ (a_k - b_k)²)</c> in double, as in libsvm's
/// <c>k_function</c>; linear and poly use the same formula as in training.</item>
/// <item><see cref="Math.Exp"/> maps to the C library's <c>exp</c>, the one libsvm links against.</item>
/// </list>
/// The many-vector products come from <see cref="ColumnMajor"/>, which keeps that summation order in SIMD.
/// </summary>
internal sealed class SvrKernel
{
    private readonly SvrKernelType _type;
    private readonly double _gamma;
    private readonly int _degree;
    private readonly double _coef0;

    public SvrKernel(SvrKernelType type, double gamma, int degree, double coef0)
    {
        _type = type;
        _gamma = gamma;
        _degree = degree;
        _coef0 = coef0;
    }

    /// <summary>
    /// Training-time kernel values between row <paramref name="i"/> and rows [<paramref name="start"/>, n), written
    /// to <paramref name="result"/>[start..n). <paramref name="columns"/> is the column-major training matrix and
    /// <paramref name="squaredNorms"/> holds |x_r|² (RBF only, see <see cref="SquaredNorms"/>).
    /// </summary>
    public void TrainingRow(double[] x, double[] columns, double[]? squaredNorms, int n, int i, int start, Span<double> result)
    {
        var p = x.Length / n;
        ColumnMajor.Dots(x.AsSpan(i * p, p), columns, n, start, result);
        switch (_type)
        {
            case SvrKernelType.Linear:
                break;
            case SvrKernelType.Poly:
                for (var j = start; j < n; j++)
                {
                    result[j] = PowInt(_gamma * result[j] + _coef0, _degree);
                }

                break;
            default:
                // Norms-plus-cross-term form (not Σ(a-b)²): this is what libsvm's training kernel evaluates.
                for (var j = start; j < n; j++)
                {
                    result[j] = Math.Exp(-_gamma * (squaredNorms![i] + squaredNorms[j] - 2 * result[j]));
                }

                break;
        }
    }

    /// <summary>|x_r|² per row for the RBF training kernel (null for the other kernels).</summary>
    public double[]? SquaredNorms(double[] x, int n)
    {
        if (_type != SvrKernelType.Rbf)
        {
            return null;
        }

        var p = x.Length / n;
        var norms = new double[n];
        for (var i = 0; i < n; i++)
        {
            var row = x.AsSpan(i * p, p);
            norms[i] = Dot(row, row);
        }

        return norms;
    }

    /// <summary>
    /// Kernel values between one query row and <paramref name="count"/> vectors stored column-major, as libsvm
    /// computes them when predicting.
    /// </summary>
    public void EvaluateAll(ReadOnlySpan<double> query, double[] columns, int count, Span<double> result)
    {
        if (_type == SvrKernelType.Rbf)
        {
            ColumnMajor.SquaredDistances(query, columns, count, result);
            for (var m = 0; m < count; m++)
            {
                result[m] = Math.Exp(-_gamma * result[m]);
            }

            return;
        }

        ColumnMajor.Dots(query, columns, count, 0, result);
        if (_type == SvrKernelType.Poly)
        {
            for (var m = 0; m < count; m++)
            {
                result[m] = PowInt(_gamma * result[m] + _coef0, _degree);
            }
        }
    }

    /// <summary>
    /// sklearn's <c>gamma='scale'</c>: <c>1 / (p * X.var())</c>, the variance taken over all n·p entries, or 1
    /// when that variance is zero. numpy sums a contiguous array pairwise, so both moments are summed that way
    /// here too: gamma scales every kernel entry, and its last bit decides which iterates the solver walks.
    /// </summary>
    internal static double ScaleGamma(double[] x, int p)
    {
        var variance = Moments.PairwisePopulationVariance(x, Moments.PairwiseMean(x));
        return variance != 0 ? 1.0 / (p * variance) : 1.0;
    }

    /// <summary>Left-to-right dot product (the summation order matters for bit-parity).</summary>
    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    /// <summary>
    /// Integer power by binary exponentiation (square-and-multiply from the low bit), the scheme libsvm uses
    /// for the polynomial kernel; <see cref="Math.Pow(double, double)"/> would round differently.
    /// </summary>
    private static double PowInt(double value, int exponent)
    {
        var result = 1.0;
        var square = value;
        for (var e = exponent; e > 0; e /= 2)
        {
            if ((e & 1) == 1)
            {
                result *= square;
            }

            square *= square;
        }

        return result;
    }
}
