namespace Gaze.Models;

/// <summary>
/// The training kernel matrix K (n×n, float entries) as the solver reads it: one row at a time, plus the
/// diagonal in double. Up to <see cref="EagerLimit"/> rows the whole matrix is computed up front (using
/// symmetry: only the upper triangle is evaluated), which is fastest for the few-hundred-row problems this
/// serves. Beyond that, rows come from a <see cref="KernelRowCache"/> bounded by <see cref="DefaultCacheBytes"/>
/// (libsvm's default cache is 200 MB too). Entries are the same floats either way, so the solver's results do
/// not depend on the mode.
/// </summary>
internal sealed class KernelMatrix
{
    /// <summary>Largest n for which the full matrix (4n² bytes, 64 MB at 4000) is precomputed.</summary>
    public const int EagerLimit = 4000;

    /// <summary>Memory budget for cached rows in lazy mode.</summary>
    public const long DefaultCacheBytes = 200L << 20;

    private readonly int _n;
    private readonly float[]? _full;
    private readonly KernelRowCache? _cache;

    /// <summary>Builds the kernel matrix of the row-major n×p training matrix <paramref name="x"/>.</summary>
    /// <param name="eagerLimit">Largest n computed up front (tests lower it to exercise lazy mode).</param>
    /// <param name="cacheBytes">Row-cache budget in lazy mode (at least two rows are always kept).</param>
    public KernelMatrix(SvrKernel kernel, double[] x, int n, int eagerLimit = EagerLimit, long cacheBytes = DefaultCacheBytes)
    {
        _n = n;
        var columns = ColumnMajor.Transpose(x, n, x.Length / n);
        var squaredNorms = kernel.SquaredNorms(x, n);
        Diagonal = new double[n];
        var values = new double[n];

        if (n <= eagerLimit)
        {
            _full = new float[n * n];
            for (var i = 0; i < n; i++)
            {
                kernel.TrainingRow(x, columns, squaredNorms, n, i, i, values);
                Diagonal[i] = values[i];
                for (var j = i; j < n; j++)
                {
                    var k = (float)values[j];
                    _full[i * n + j] = k;
                    _full[j * n + i] = k;
                }
            }

            return;
        }

        for (var i = 0; i < n; i++)
        {
            // Same formula as the off-diagonal entries, evaluated for the pair (i, i) alone.
            kernel.TrainingRow(x, columns, squaredNorms, n, i, i, values);
            Diagonal[i] = values[i];
        }

        _cache = new KernelRowCache(kernel, x, columns, squaredNorms, n, cacheBytes, values);
    }

    /// <summary>K(x_r, x_r) in double (libsvm's QD).</summary>
    public double[] Diagonal { get; }

    /// <summary>
    /// Row r of K (length n). In lazy mode the span stays valid until two further distinct rows have been
    /// requested (the cache keeps at least two rows and evicts the least recently used).
    /// </summary>
    public ReadOnlySpan<float> Row(int r) => _full is not null ? _full.AsSpan(r * _n, _n) : _cache!.Row(r);
}
