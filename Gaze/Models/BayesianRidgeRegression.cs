using Gaze.Numerics;

namespace Gaze.Models;

/// <summary>
/// Bayesian ridge regression with an intercept, matching scikit-learn 1.2.1 <c>BayesianRidge</c> with
/// compute_score=False. The weights get a Gaussian prior of precision lambda and the noise precision alpha; both get
/// Gamma hyper-priors (alpha1, alpha2, lambda1, lambda2) and are re-estimated by MacKay's fixed-point updates from one
/// SVD of the centred X: each sweep sets the posterior mean <c>w = (XᵀX + lambda/alpha·I)⁻¹Xᵀy</c>, the effective
/// number of parameters <c>gamma = Σ alpha·s²/(lambda + alpha·s²)</c>, then
/// <c>lambda = (gamma + 2·lambda1)/(||w||² + 2·lambda2)</c> and <c>alpha = (n - gamma + 2·alpha1)/(||y - Xw||² + 2·alpha2)</c>.
/// It stops when the weights moved less than tol in L1 norm (never on the first sweep) or after maxIter sweeps
/// (sklearn 1.2.1 calls that parameter <c>n_iter</c>), and the final weights are recomputed from the last alpha and lambda.
/// </summary>
public sealed class BayesianRidgeRegression : IRegressor
{
    private readonly int _maxIter;
    private readonly double _tol;
    private readonly double _alpha1, _alpha2, _lambda1, _lambda2;
    private readonly double? _alphaInit, _lambdaInit;
    private double[]? _coef;

    /// <summary>Creates the estimator; parameters are sklearn's, in the same order.</summary>
    /// <param name="maxIter">Maximum number of sweeps (sklearn 1.2.1's <c>n_iter</c>), at least 1.</param>
    /// <param name="tol">Stop once the L1 change of the weights is below this (&gt; 0).</param>
    /// <param name="alpha1">Shape of the Gamma prior over alpha.</param>
    /// <param name="alpha2">Inverse scale of the Gamma prior over alpha.</param>
    /// <param name="lambda1">Shape of the Gamma prior over lambda.</param>
    /// <param name="lambda2">Inverse scale of the Gamma prior over lambda.</param>
    /// <param name="alphaInit">Starting noise precision; default 1/(var(y) + eps).</param>
    /// <param name="lambdaInit">Starting weight precision; default 1.</param>
    public BayesianRidgeRegression(
        int maxIter = 300, double tol = 1e-3,
        double alpha1 = 1e-6, double alpha2 = 1e-6, double lambda1 = 1e-6, double lambda2 = 1e-6,
        double? alphaInit = null, double? lambdaInit = null)
    {
        if (maxIter < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "maxIter must be >= 1.");
        }

        if (!(tol > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(tol), tol, "tol must be > 0.");
        }

        RequireNonNegative(alpha1, nameof(alpha1));
        RequireNonNegative(alpha2, nameof(alpha2));
        RequireNonNegative(lambda1, nameof(lambda1));
        RequireNonNegative(lambda2, nameof(lambda2));
        if (alphaInit is { } a)
        {
            RequireNonNegative(a, nameof(alphaInit));
        }

        if (lambdaInit is { } l)
        {
            RequireNonNegative(l, nameof(lambdaInit));
        }

        (_maxIter, _tol) = (maxIter, tol);
        (_alpha1, _alpha2, _lambda1, _lambda2) = (alpha1, alpha2, lambda1, lambda2);
        (_alphaInit, _lambdaInit) = (alphaInit, lambdaInit);
    }

    /// <summary>Fitted posterior-mean weights per feature (sklearn's <c>coef_</c>); empty before <see cref="Fit"/>.</summary>
    public IReadOnlyList<double> Coefficients => _coef ?? [];

    /// <summary>Fitted intercept (sklearn's <c>intercept_</c>).</summary>
    public double Intercept { get; private set; }

    /// <summary>Sweeps run by the last fit (sklearn's <c>n_iter_</c>).</summary>
    public int Iterations { get; private set; }

    /// <inheritdoc />
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default) =>
        Fit(new TrainingSet(rows, targets), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The centred design and its SVD are shared by every fit on <paramref name="training"/>.</remarks>
    public void Fit(TrainingSet training, CancellationToken cancellationToken = default)
    {
        var design = CenteredDesign.For(training);
        int n = design.Rows, p = design.Features;
        (var s, var vt, var uty) = training.Derived(typeof(SvdOfDesign), static set => new SvdOfDesign(CenteredDesign.For(set).ThinSvd())).Value;
        var eigen = new double[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            eigen[i] = s[i] * s[i];
        }

        var alpha = _alphaInit ?? 1.0 / (Variance(design.Y) + Eps);
        var lambda = _lambdaInit ?? 1.0;
        var coef = new double[p];
        var previous = new double[p];
        var scratch = new double[s.Length];
        var fitted = new double[n];

        var iterations = _maxIter;
        for (var iteration = 0; iteration < _maxIter; iteration++)
        {
            var rss = PosteriorMean(design, s, vt, uty, alpha, lambda, coef, scratch, fitted);

            double gamma = 0;
            foreach (var e in eigen)
            {
                gamma += alpha * e / (lambda + alpha * e);
            }

            double coefNorm2 = 0;
            foreach (var c in coef)
            {
                coefNorm2 += c * c;
            }

            lambda = (gamma + 2 * _lambda1) / (coefNorm2 + 2 * _lambda2);
            alpha = (n - gamma + 2 * _alpha1) / (rss + 2 * _alpha2);

            if (iteration != 0)
            {
                double change = 0;
                for (var j = 0; j < p; j++)
                {
                    change += Math.Abs(previous[j] - coef[j]);
                }

                if (change < _tol)
                {
                    iterations = iteration + 1;
                    break;
                }
            }
            Array.Copy(coef, previous, p);
        }

        PosteriorMean(design, s, vt, uty, alpha, lambda, coef, scratch, fitted);
        (_coef, Intercept, Iterations) = (coef, design.InterceptFor(coef), iterations);
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows) => CenteredDesign.Predict(rows, _coef, Intercept);

    /// <summary>
    /// sklearn's <c>_update_coef_</c>: writes <c>w = V·diag(s/(s² + lambda/alpha))·Uᵀy</c> (the SVD form of
    /// <c>(XᵀX + lambda/alpha·I)⁻¹Xᵀy</c>) into <paramref name="coef"/> and returns the residual sum of squares.
    /// </summary>
    private static double PosteriorMean(
        CenteredDesign design, double[] s, double[] vt, double[] uty, double alpha, double lambda,
        double[] coef, double[] scratch, double[] fitted)
    {
        var p = design.Features;
        var ratio = lambda / alpha;
        for (var i = 0; i < s.Length; i++)
        {
            scratch[i] = s[i] == 0 ? 0 : s[i] / (s[i] * s[i] + ratio) * uty[i]; // a null direction carries no weight, even when lambda is 0
        }

        Array.Clear(coef);
        for (var i = 0; i < s.Length; i++)
        {
            var factor = scratch[i];
            for (var j = 0; j < p; j++)
            {
                coef[j] += factor * vt[i * p + j];
            }
        }

        Array.Clear(fitted);
        for (var j = 0; j < p; j++)
        {
            var c = coef[j];
            ReadOnlySpan<double> column = design.Column(j);
            for (var i = 0; i < fitted.Length; i++)
            {
                fitted[i] += c * column[i];
            }
        }
        double rss = 0;
        for (var i = 0; i < fitted.Length; i++)
        {
            var r = design.Y[i] - fitted[i];
            rss += r * r;
        }
        return rss;
    }

    /// <summary>
    /// numpy's <c>var</c> (ddof = 0) of the centred targets, summed left to right; numpy sums pairwise,
    /// which can differ in the last bits.
    /// </summary>
    private static double Variance(double[] values) => Moments.NaivePopulationVariance(values, Moments.NaiveMean(values));

    private static void RequireNonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite value >= 0.");
        }
    }

    /// <summary>numpy's <c>finfo(float64).eps</c>, added to var(y) so a constant target does not divide by zero.</summary>
    private const double Eps = 2.220446049250313e-16;

    /// <summary>The thin SVD of a training set's centred design (a class, so it can be shared as derived data).</summary>
    private sealed record SvdOfDesign((double[] S, double[] Vt, double[] Uty) Value);
}
