namespace Gaze.Models;

/// <summary>
/// Lazy rows of the training kernel matrix for problems too large to precompute: a row is evaluated on first
/// use (as a full row, each entry with the same formula as the eager upper triangle, then rounded to float)
/// and kept in a least-recently-used cache of at most <c>cacheBytes / (4n)</c> rows, never fewer than two,
/// because the solver holds two rows at once while it updates the gradient.
/// </summary>
internal sealed class KernelRowCache
{
    private readonly SvrKernel _kernel;
    private readonly double[] _x;
    private readonly double[] _columns;
    private readonly double[]? _squaredNorms;
    private readonly int _n;
    private readonly double[] _scratch;
    private readonly float[]?[] _rows;

    // Doubly linked recency list over row indices, -1 terminated.
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly int _capacity;
    private int _cached;
    private int _head = -1; // least recently used
    private int _tail = -1; // most recently used

    /// <param name="scratch">An n-long buffer the cache may overwrite whenever it evaluates a row.</param>
    public KernelRowCache(SvrKernel kernel, double[] x, double[] columns, double[]? squaredNorms, int n, long cacheBytes, double[] scratch)
    {
        _kernel = kernel;
        _x = x;
        _columns = columns;
        _squaredNorms = squaredNorms;
        _n = n;
        _scratch = scratch;
        _rows = new float[]?[n];
        _prev = new int[n];
        _next = new int[n];
        _capacity = (int)Math.Clamp(cacheBytes / (4L * n), 2, n);
    }

    /// <summary>Row r; valid until two further distinct rows have been requested.</summary>
    public float[] Row(int r)
    {
        var row = _rows[r];
        if (row is not null)
        {
            Unlink(r);
            Append(r);
            return row;
        }

        if (_cached == _capacity)
        {
            var victim = _head;
            Unlink(victim);
            row = _rows[victim];
            _rows[victim] = null;
            _cached--;
        }

        row ??= new float[_n];
        _kernel.TrainingRow(_x, _columns, _squaredNorms, _n, r, 0, _scratch);
        for (var j = 0; j < _n; j++)
        {
            row[j] = (float)_scratch[j];
        }

        _rows[r] = row;
        _cached++;
        Append(r);
        return row;
    }

    private void Unlink(int r)
    {
        var prev = _prev[r];
        var next = _next[r];
        if (prev >= 0)
        {
            _next[prev] = next;
        }
        else
        {
            _head = next;
        }

        if (next >= 0)
        {
            _prev[next] = prev;
        }
        else
        {
            _tail = prev;
        }
    }

    private void Append(int r)
    {
        _prev[r] = _tail;
        _next[r] = -1;
        if (_tail >= 0)
        {
            _next[_tail] = r;
        }
        else
        {
            _head = r;
        }

        _tail = r;
    }
}
