namespace Gaze.Models;

/// <summary>
/// Ridge regression with an intercept, matching scikit-learn 1.2.1 <c>Ridge(alpha)</c> on dense input, where
/// solver 'auto' resolves to 'cholesky': on centred data minimise <c>||y - Xw||² + alpha·||w||²</c> by solving
/// <c>(XᵀX + alpha·I) w = Xᵀy</c> with a Cholesky factorisation, or, when there are more features than rows, the
/// dual system <c>(XXᵀ + alpha·I) c = y</c>, <c>w = Xᵀc</c>. Like sklearn, if the matrix is not positive definite
/// (only possible with alpha = 0) it falls back to the SVD solver, which drops singular values ≤ 1e-15.
/// </summary>
public sealed class RidgeRegression : IRegressor
{
    private readonly double _alpha;
    private double[]? _coef;

    /// <summary>Creates the estimator.</summary>
    /// <param name="alpha">L2 penalty strength (sklearn's <c>alpha</c>), at least 0.</param>
    public RidgeRegression(double alpha = 1.0)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite value >= 0.");
        }

        _alpha = alpha;
    }

    /// <summary>Fitted weights per feature (sklearn's <c>coef_</c>); empty before <see cref="Fit"/>.</summary>
    public IReadOnlyList<double> Coefficients => _coef ?? [];

    /// <summary>Fitted intercept (sklearn's <c>intercept_</c>).</summary>
    public double Intercept { get; private set; }

    /// <inheritdoc />
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default) =>
        Fit(new TrainingSet(rows, targets), cancellationToken);

    /// <inheritdoc />
    public void Fit(TrainingSet training, CancellationToken cancellationToken = default)
    {
        var design = CenteredDesign.For(training);
        var coef = (design.Features > design.Rows ? SolveDual(design) : SolvePrimal(design))
            ?? SolveSvd(design);
        _coef = coef;
        Intercept = design.InterceptFor(coef);
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows) => CenteredDesign.Predict(rows, _coef, Intercept);

    /// <summary>sklearn's <c>_solve_cholesky</c>: (XᵀX + alpha·I) w = Xᵀy; null when not positive definite.</summary>
    private double[]? SolvePrimal(CenteredDesign design)
    {
        var p = design.Features;
        var a = new double[p * p];
        var b = new double[p];
        for (var j = 0; j < p; j++)
        {
            ReadOnlySpan<double> cj = design.Column(j);
            for (var k = 0; k <= j; k++)
            {
                var dot = Dot(cj, design.Column(k));
                a[j * p + k] = dot;
                a[k * p + j] = dot;
            }
            a[j * p + j] += _alpha;
            b[j] = Dot(cj, design.Y);
        }
        return CholeskySolve(a, b, p) ? b : null;
    }

    /// <summary>sklearn's <c>_solve_cholesky_kernel</c>: (XXᵀ + alpha·I) c = y, w = Xᵀc; null when not positive definite.</summary>
    private double[]? SolveDual(CenteredDesign design)
    {
        int n = design.Rows, p = design.Features;
        var k = new double[n * n];
        for (var j = 0; j < p; j++)
        {
            ReadOnlySpan<double> cj = design.Column(j);
            for (var r = 0; r < n; r++)
            {
                var xr = cj[r];
                for (var c = 0; c < n; c++)
                {
                    k[r * n + c] += xr * cj[c];
                }
            }
        }
        for (var r = 0; r < n; r++)
        {
            k[r * n + r] += _alpha;
        }

        var dual = (double[])design.Y.Clone();
        if (!CholeskySolve(k, dual, n))
        {
            return null;
        }

        var coef = new double[p];
        for (var j = 0; j < p; j++)
        {
            coef[j] = Dot(design.Column(j), dual);
        }

        return coef;
    }

    /// <summary>sklearn's <c>_solve_svd</c>: w = V·diag(s / (s² + alpha))·Uᵀy over singular values above 1e-15.</summary>
    private double[] SolveSvd(CenteredDesign design)
    {
        (var s, var vt, var uty) = design.ThinSvd();
        var p = design.Features;
        var coef = new double[p];
        for (var i = 0; i < s.Length; i++)
        {
            if (!(s[i] > 1e-15))
            {
                continue;
            }

            var factor = s[i] / (s[i] * s[i] + _alpha) * uty[i];
            for (var j = 0; j < p; j++)
            {
                coef[j] += factor * vt[i * p + j];
            }
        }
        return coef;
    }

    /// <summary>
    /// Solves the symmetric system <paramref name="a"/>·x = <paramref name="b"/> in place (x replaces b) through
    /// a = LLᵀ, as LAPACK posv does; returns false, like posv's "not positive definite", when a pivot is not positive.
    /// </summary>
    private static bool CholeskySolve(double[] a, double[] b, int m)
    {
        for (var j = 0; j < m; j++)
        {
            var d = a[j * m + j];
            for (var k = 0; k < j; k++)
            {
                d -= a[j * m + k] * a[j * m + k];
            }

            if (!(d > 0))
            {
                return false;
            }

            var ljj = Math.Sqrt(d);
            a[j * m + j] = ljj;
            for (var i = j + 1; i < m; i++)
            {
                var v = a[i * m + j];
                for (var k = 0; k < j; k++)
                {
                    v -= a[i * m + k] * a[j * m + k];
                }

                a[i * m + j] = v / ljj;
            }
        }
        for (var i = 0; i < m; i++)
        {
            var v = b[i];
            for (var k = 0; k < i; k++)
            {
                v -= a[i * m + k] * b[k];
            }

            b[i] = v / a[i * m + i];
        }
        for (var i = m - 1; i >= 0; i--)
        {
            var v = b[i];
            for (var k = i + 1; k < m; k++)
            {
                v -= a[k * m + i] * b[k];
            }

            b[i] = v / a[i * m + i];
        }
        return true;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
