namespace Gaze.Models;

/// <summary>
/// Ordinary least squares with an intercept, matching scikit-learn 1.2.1 <c>LinearRegression()</c>.
/// sklearn centres X and y and calls <c>scipy.linalg.lstsq</c> (LAPACK gelsd), which returns the minimum-norm
/// solution and treats singular values at or below <c>cond·s_max</c> as zero, with scipy's default
/// <c>cond = eps</c>. The same pseudo-inverse is built here from an SVD (with numpy's slightly wider cutoff,
/// see <see cref="Fit"/>), so rank-deficient designs behave alike:
/// a constant column (e.g. the polynomial bias column) is all zero after centring and gets weight exactly zero,
/// and exactly collinear columns share their weight evenly.
/// </summary>
public sealed class OrdinaryLeastSquares : IRegressor
{
    private double[]? _coef;

    /// <summary>Fitted weights per feature (sklearn's <c>coef_</c>); empty before <see cref="Fit"/>.</summary>
    public IReadOnlyList<double> Coefficients => _coef ?? [];

    /// <summary>Fitted intercept (sklearn's <c>intercept_</c>).</summary>
    public double Intercept { get; private set; }

    /// <inheritdoc />
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        var design = CenteredDesign.From(rows, targets);
        (var s, var vt, var uty) = design.ThinSvd();
        var p = design.Features;

        double sMax = 0;
        foreach (var value in s)
        {
            sMax = Math.Max(sMax, value);
        }
        // gelsd treats s <= cond * s_max as zero, with scipy's cond = eps. Exactly collinear columns
        // (the two eyes' y when a client sends identical values) leave singular values of rounding
        // noise whose size depends on the factorisation: ours (QR, then SVD) lands them near eps * s_max,
        // so the cutoff takes numpy's rcond = max(n, p) * eps to drop them as LAPACK does. Genuine
        // singular values of a calibration design are many orders above either cutoff.
        var cutoff = sMax * Eps * Math.Max(rows.Length, p);

        var coef = new double[p];
        for (var i = 0; i < s.Length; i++)
        {
            if (!(s[i] > cutoff))
            {
                continue;
            }

            var factor = uty[i] / s[i];
            for (var j = 0; j < p; j++)
            {
                coef[j] += factor * vt[i * p + j];
            }
        }
        _coef = coef;
        Intercept = design.InterceptFor(coef);
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows) => CenteredDesign.Predict(rows, _coef, Intercept);

    /// <summary>Machine epsilon of double (numpy's <c>finfo(float64).eps</c>), scipy's default <c>cond</c>.</summary>
    private const double Eps = 2.220446049250313e-16;
}
