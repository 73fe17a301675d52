namespace Gaze.Models;

/// <summary>
/// Epsilon-support vector regression, a reimplementation of scikit-learn 1.2.1's <c>SVR</c> (libsvm's
/// epsilon-SVR) that reproduces its predictions: same kernels and floating-point recipe
/// (<see cref="SvrKernel"/>), same SMO solver with second-order working-set selection, shrinking and bias
/// computation (<see cref="SmoSolver"/>). Up to 4000 training rows the full kernel matrix is precomputed
/// (4n² bytes, 64 MB at n = 4000), which suits the few-hundred-row calibration sets this is meant for; larger
/// sets compute kernel rows on demand into a 200 MB cache (<see cref="KernelMatrix"/>).
/// </summary>
public sealed class SupportVectorRegression : IRegressor
{
    private SvrKernel? _kernel;
    private double[] _supportColumns = []; // support vectors, column-major (feature k of vector m at k * count + m)
    private double[] _dualCoefficients = [];
    private int[] _supportIndices = [];
    private int _features;
    private double _rho;

    /// <summary>Creates an unfitted estimator. Defaults are scikit-learn's.</summary>
    /// <param name="kernel">Kernel function (sklearn default: rbf).</param>
    /// <param name="c">Regularisation parameter C &gt; 0.</param>
    /// <param name="epsilon">Width of the epsilon-insensitive tube, ≥ 0, in target units.</param>
    /// <param name="gamma">Kernel coefficient for rbf and poly (&gt; 0); <c>null</c> means sklearn's 'scale',
    /// 1 / (n_features · X.var()) over all entries of the training matrix. Ignored by the linear kernel.</param>
    /// <param name="degree">Degree of the poly kernel (≥ 0).</param>
    /// <param name="coef0">Independent term of the poly kernel.</param>
    /// <param name="tol">Stopping tolerance of the solver (&gt; 0).</param>
    /// <param name="shrinking">Whether to use libsvm's shrinking heuristic.</param>
    /// <param name="maxIter">Solver iteration cap, -1 for none.</param>
    public SupportVectorRegression(
        SvrKernelType kernel = SvrKernelType.Rbf,
        double c = 1.0,
        double epsilon = 0.1,
        double? gamma = null,
        int degree = 3,
        double coef0 = 0.0,
        double tol = 1e-3,
        bool shrinking = true,
        int maxIter = -1)
    {
        if (!Enum.IsDefined(kernel))
        {
            throw new ArgumentOutOfRangeException(nameof(kernel), kernel, "Unknown kernel.");
        }

        if (!(c > 0) || double.IsInfinity(c))
        {
            throw new ArgumentOutOfRangeException(nameof(c), c, "C must be a positive finite number.");
        }

        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a non-negative finite number.");
        }

        if (gamma is { } g && (!(g > 0) || double.IsInfinity(g)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "gamma must be a positive finite number, or null for 'scale'.");
        }

        if (degree < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(degree), degree, "degree must be non-negative.");
        }

        if (!double.IsFinite(coef0))
        {
            throw new ArgumentOutOfRangeException(nameof(coef0), coef0, "coef0 must be finite.");
        }

        if (!(tol > 0) || double.IsInfinity(tol))
        {
            throw new ArgumentOutOfRangeException(nameof(tol), tol, "tol must be a positive finite number.");
        }

        if (maxIter < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "maxIter must be -1 (unlimited) or non-negative.");
        }

        Kernel = kernel;
        C = c;
        Epsilon = epsilon;
        Gamma = gamma;
        Degree = degree;
        Coef0 = coef0;
        Tol = tol;
        Shrinking = shrinking;
        MaxIter = maxIter;
    }

    /// <summary>Kernel function.</summary>
    public SvrKernelType Kernel { get; }

    /// <summary>Regularisation parameter C.</summary>
    public double C { get; }

    /// <summary>Half-width of the epsilon-insensitive tube.</summary>
    public double Epsilon { get; }

    /// <summary>Kernel coefficient, or <c>null</c> for 'scale'.</summary>
    public double? Gamma { get; }

    /// <summary>Degree of the poly kernel.</summary>
    public int Degree { get; }

    /// <summary>Independent term of the poly kernel.</summary>
    public double Coef0 { get; }

    /// <summary>Solver tolerance.</summary>
    public double Tol { get; }

    /// <summary>Whether shrinking is used.</summary>
    public bool Shrinking { get; }

    /// <summary>Iteration cap (-1 = none).</summary>
    public int MaxIter { get; }

    /// <summary>
    /// Largest training size whose kernel matrix is precomputed in full; larger problems compute rows on demand
    /// into a bounded cache. Results are identical either way (internal so tests can exercise both modes).
    /// </summary>
    internal int EagerKernelLimit { get; init; } = KernelMatrix.EagerLimit;

    /// <summary>Row-cache budget in bytes when the kernel matrix is not precomputed (internal test hook).</summary>
    internal long KernelCacheBytes { get; init; } = KernelMatrix.DefaultCacheBytes;

    /// <summary>Use the SIMD scans of the solver where available; results are identical (internal test hook).</summary>
    internal bool UseSimd { get; init; } = true;

    /// <summary>Gamma actually used by the last fit (sklearn's <c>_gamma</c>).</summary>
    public double EffectiveGamma { get; private set; }

    /// <summary>Bias term b of f(x) = Σ coef_i k(sv_i, x) + b (sklearn's <c>intercept_[0]</c>, = -rho).</summary>
    public double Intercept => _rho != 0 ? -_rho : 0.0;

    /// <summary>Indices of the support vectors in the training rows, ascending (sklearn's <c>support_</c>).</summary>
    public IReadOnlyList<int> SupportIndices => _supportIndices;

    /// <summary>alpha_i - alpha*_i of each support vector (sklearn's <c>dual_coef_[0]</c>).</summary>
    public IReadOnlyList<double> DualCoefficients => _dualCoefficients;

    /// <summary>Solver iterations of the last fit (sklearn's <c>n_iter_</c>).</summary>
    public int Iterations { get; private set; }

    /// <summary>False when the last fit stopped at <see cref="MaxIter"/> before reaching the tolerance.</summary>
    public bool Converged { get; private set; }

    /// <inheritdoc />
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Length == 0)
        {
            throw new ArgumentException("At least one training row is required.", nameof(rows));
        }

        if (targets.Length != rows.Length)
        {
            throw new ArgumentException($"Got {rows.Length} rows but {targets.Length} targets.", nameof(targets));
        }

        foreach (var t in targets)
        {
            if (!double.IsFinite(t))
            {
                throw new ArgumentException("Targets must be finite.", nameof(targets));
            }
        }

        var n = rows.Length;
        var p = rows[0]?.Length ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
        if (p == 0)
        {
            throw new ArgumentException("Rows must have at least one feature.", nameof(rows));
        }

        var x = RowMajor.Flatten(rows, p, nameof(rows));

        var gamma = Gamma ?? SvrKernel.ScaleGamma(x, p);
        var kernel = new SvrKernel(Kernel, gamma, Degree, Coef0);
        var matrix = new KernelMatrix(kernel, x, n, EagerKernelLimit, KernelCacheBytes);
        var solution = SmoSolver.Solve(matrix, targets, C, Epsilon, Tol, Shrinking, MaxIter, UseSimd, cancellationToken);

        // Support vectors are the rows with a non-zero coefficient, kept in training order (libsvm's order,
        // which fixes the summation order of the prediction).
        var count = 0;
        foreach (var a in solution.Coefficients)
        {
            if (a != 0)
            {
                count++;
            }
        }

        var indices = new int[count];
        var coefficients = new double[count];
        var vectors = new double[count * p];
        for (int r = 0, m = 0; r < n; r++)
        {
            if (solution.Coefficients[r] == 0)
            {
                continue;
            }

            indices[m] = r;
            coefficients[m] = solution.Coefficients[r];
            Array.Copy(x, r * p, vectors, m * p, p);
            m++;
        }

        _supportIndices = indices;
        _dualCoefficients = coefficients;
        _supportColumns = ColumnMajor.Transpose(vectors, count, p);
        _features = p;
        _rho = solution.Rho;
        EffectiveGamma = gamma;
        Iterations = solution.Iterations;
        Converged = !solution.HitIterationLimit;
        _kernel = kernel;
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var kernel = _kernel ?? throw new InvalidOperationException("Fit must be called before Predict.");
        var p = _features;
        var predictions = new double[rows.Length];
        var coefficients = _dualCoefficients;
        var kernelValues = new double[coefficients.Length];
        for (var q = 0; q < rows.Length; q++)
        {
            var row = rows[q] ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
            if (row.Length != p)
            {
                throw new ArgumentException($"Row {q} has {row.Length} features; the model was fitted with {p}.", nameof(rows));
            }

            kernel.EvaluateAll(row, _supportColumns, coefficients.Length, kernelValues);
            // Accumulated in support-vector order, as libsvm does.
            double sum = 0;
            for (var m = 0; m < coefficients.Length; m++)
            {
                sum += coefficients[m] * kernelValues[m];
            }

            predictions[q] = sum - _rho;
        }

        return predictions;
    }
}
