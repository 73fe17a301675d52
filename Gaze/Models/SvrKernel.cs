using System.Runtime.Intrinsics;
using Gaze.Numerics;

namespace Gaze.Models;

/// <summary>Kernel functions offered by <see cref="SupportVectorRegression"/>.</summary>
public enum SvrKernelType
{
    /// <summary>k(a, b) = a·b.</summary>
    Linear,

    /// <summary>k(a, b) = exp(-gamma |a - b|²).</summary>
    Rbf,

    /// <summary>k(a, b) = (gamma a·b + coef0)^degree.</summary>
    Poly,
}

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
/// For speed, vectors are laid out column-major (feature k of vector m at <c>k * count + m</c>) so that four
/// dot products or distances advance together in SIMD lanes; each lane still performs the scalar sequence
/// (start at 0, add one product per feature in order), so the values are unchanged.
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
        int p = x.Length / n;
        ColumnDots(x.AsSpan(i * p, p), columns, n, start, result);
        switch (_type)
        {
            case SvrKernelType.Linear:
                break;
            case SvrKernelType.Poly:
                for (int j = start; j < n; j++)
                    result[j] = PowInt(_gamma * result[j] + _coef0, _degree);
                break;
            default:
                // Norms-plus-cross-term form (not Σ(a-b)²): this is what libsvm's training kernel evaluates.
                for (int j = start; j < n; j++)
                    result[j] = Math.Exp(-_gamma * (squaredNorms![i] + squaredNorms[j] - 2 * result[j]));
                break;
        }
    }

    /// <summary>|x_r|² per row for the RBF training kernel (null for the other kernels).</summary>
    public double[]? SquaredNorms(double[] x, int n)
    {
        if (_type != SvrKernelType.Rbf)
            return null;
        int p = x.Length / n;
        var norms = new double[n];
        for (int i = 0; i < n; i++)
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
            ColumnSquaredDistances(query, columns, count, result);
            for (int m = 0; m < count; m++)
                result[m] = Math.Exp(-_gamma * result[m]);
            return;
        }

        ColumnDots(query, columns, count, 0, result);
        if (_type == SvrKernelType.Poly)
        {
            for (int m = 0; m < count; m++)
                result[m] = PowInt(_gamma * result[m] + _coef0, _degree);
        }
    }

    /// <summary>Row-major n×p to column-major (p×n).</summary>
    internal static double[] Transpose(double[] x, int n, int p)
    {
        var columns = new double[x.Length];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < p; k++)
                columns[k * n + i] = x[i * p + k];
        }

        return columns;
    }

    /// <summary>result[m] = query · v_m for m in [start, count), each summed in feature order.</summary>
    private static void ColumnDots(ReadOnlySpan<double> query, double[] columns, int count, int start, Span<double> result)
    {
        int p = query.Length;
        int m = start;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; m <= count - Vector256<double>.Count; m += Vector256<double>.Count)
            {
                var sum = Vector256<double>.Zero;
                for (int k = 0; k < p; k++)
                    sum += Vector256.Create(query[k]) * Vector256.Create(columns.AsSpan(k * count + m, Vector256<double>.Count));
                sum.CopyTo(result.Slice(m, Vector256<double>.Count));
            }
        }

        for (; m < count; m++)
        {
            double sum = 0;
            for (int k = 0; k < p; k++)
                sum += query[k] * columns[k * count + m];
            result[m] = sum;
        }
    }

    /// <summary>result[m] = Σ_k (query_k - v_m,k)², summed in feature order.</summary>
    private static void ColumnSquaredDistances(ReadOnlySpan<double> query, double[] columns, int count, Span<double> result)
    {
        int p = query.Length;
        int m = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; m <= count - Vector256<double>.Count; m += Vector256<double>.Count)
            {
                var sum = Vector256<double>.Zero;
                for (int k = 0; k < p; k++)
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
            for (int k = 0; k < p; k++)
            {
                double d = query[k] - columns[k * count + m];
                sum += d * d;
            }

            result[m] = sum;
        }
    }

    /// <summary>Left-to-right dot product (the summation order matters for bit-parity).</summary>
    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++)
            sum += a[k] * b[k];
        return sum;
    }

    /// <summary>
    /// Integer power by binary exponentiation (square-and-multiply from the low bit), the scheme libsvm uses
    /// for the polynomial kernel; <see cref="Math.Pow(double, double)"/> would round differently.
    /// </summary>
    internal static double PowInt(double value, int exponent)
    {
        double result = 1.0;
        double square = value;
        for (int e = exponent; e > 0; e /= 2)
        {
            if ((e & 1) == 1)
                result *= square;
            square *= square;
        }

        return result;
    }

    /// <summary>
    /// sklearn's <c>gamma='scale'</c>: <c>1 / (p * X.var())</c>, the variance taken over all n·p entries, or 1
    /// when that variance is zero. numpy sums a contiguous array pairwise, so both moments are summed that way
    /// here too: gamma scales every kernel entry, and its last bit decides which iterates the solver walks.
    /// </summary>
    internal static double ScaleGamma(double[] x, int p)
    {
        double variance = Moments.PairwisePopulationVariance(x, Moments.PairwiseMean(x));
        return variance != 0 ? 1.0 / (p * variance) : 1.0;
    }
}

/// <summary>
/// The training kernel matrix K (n×n, float entries) as the solver reads it: one row at a time, plus the
/// diagonal in double. Up to <see cref="EagerLimit"/> rows the whole matrix is computed up front (using
/// symmetry: only the upper triangle is evaluated), which is fastest for the few-hundred-row problems this
/// serves. Beyond that, rows are computed on first use and kept in an LRU cache bounded by
/// <see cref="DefaultCacheBytes"/> (libsvm's default cache is 200 MB too). Entries are the same floats either
/// way, so the solver's results do not depend on the mode.
/// </summary>
internal sealed class KernelMatrix
{
    /// <summary>Largest n for which the full matrix (4n² bytes, 64 MB at 4000) is precomputed.</summary>
    public const int EagerLimit = 4000;

    /// <summary>Memory budget for cached rows in lazy mode.</summary>
    public const long DefaultCacheBytes = 200L << 20;

    private readonly int _n;
    private readonly float[]? _full;

    // Lazy mode.
    private readonly SvrKernel? _kernel;
    private readonly double[] _x = [];
    private readonly double[] _columns = [];
    private readonly double[]? _squaredNorms;
    private readonly double[] _scratch = [];
    private readonly float[]?[] _rows = [];
    private readonly int[] _prev = [];
    private readonly int[] _next = [];
    private readonly int _capacity;
    private int _cached;
    private int _head = -1; // least recently used
    private int _tail = -1; // most recently used

    /// <summary>Builds the kernel matrix of the row-major n×p training matrix <paramref name="x"/>.</summary>
    /// <param name="eagerLimit">Largest n computed up front (tests lower it to exercise lazy mode).</param>
    /// <param name="cacheBytes">Row-cache budget in lazy mode (at least two rows are always kept).</param>
    public KernelMatrix(SvrKernel kernel, double[] x, int n, int eagerLimit = EagerLimit, long cacheBytes = DefaultCacheBytes)
    {
        _n = n;
        var columns = SvrKernel.Transpose(x, n, x.Length / n);
        var squaredNorms = kernel.SquaredNorms(x, n);
        Diagonal = new double[n];
        var values = new double[n];

        if (n <= eagerLimit)
        {
            _full = new float[n * n];
            for (int i = 0; i < n; i++)
            {
                kernel.TrainingRow(x, columns, squaredNorms, n, i, i, values);
                Diagonal[i] = values[i];
                for (int j = i; j < n; j++)
                {
                    float k = (float)values[j];
                    _full[i * n + j] = k;
                    _full[j * n + i] = k;
                }
            }

            return;
        }

        _kernel = kernel;
        _x = x;
        _columns = columns;
        _squaredNorms = squaredNorms;
        _scratch = values;
        _rows = new float[]?[n];
        _prev = new int[n];
        _next = new int[n];
        _capacity = (int)Math.Clamp(cacheBytes / (4L * n), 2, n);
        for (int i = 0; i < n; i++)
        {
            // Same formula as the off-diagonal entries, evaluated for the pair (i, i) alone.
            kernel.TrainingRow(x, columns, squaredNorms, n, i, i, values);
            Diagonal[i] = values[i];
        }
    }

    /// <summary>K(x_r, x_r) in double (libsvm's QD).</summary>
    public double[] Diagonal { get; }

    /// <summary>
    /// Row r of K (length n). In lazy mode the span stays valid until two further distinct rows have been
    /// requested (the cache keeps at least two rows and evicts the least recently used).
    /// </summary>
    public ReadOnlySpan<float> Row(int r)
    {
        if (_full is not null)
            return _full.AsSpan(r * _n, _n);

        var row = _rows[r];
        if (row is not null)
        {
            Unlink(r);
            Append(r);
            return row;
        }

        if (_cached == _capacity)
        {
            int victim = _head;
            Unlink(victim);
            row = _rows[victim];
            _rows[victim] = null;
            _cached--;
        }

        row ??= new float[_n];
        // Evaluated as a full row (start 0); each entry uses the same formula as the eager upper triangle.
        _kernel!.TrainingRow(_x, _columns, _squaredNorms, _n, r, 0, _scratch);
        for (int j = 0; j < _n; j++)
            row[j] = (float)_scratch[j];
        _rows[r] = row;
        _cached++;
        Append(r);
        return row;
    }

    private void Unlink(int r)
    {
        int prev = _prev[r];
        int next = _next[r];
        if (prev >= 0)
            _next[prev] = next;
        else
            _head = next;
        if (next >= 0)
            _prev[next] = prev;
        else
            _tail = prev;
    }

    private void Append(int r)
    {
        _prev[r] = _tail;
        _next[r] = -1;
        if (_tail >= 0)
            _next[_tail] = r;
        else
            _head = r;
        _tail = r;
    }
}
