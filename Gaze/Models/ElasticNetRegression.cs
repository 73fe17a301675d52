namespace Gaze.Models;

/// <summary>
/// Elastic net with an intercept, matching scikit-learn 1.2.1 <c>ElasticNet(alpha, l1_ratio, max_iter, tol)</c>:
/// minimises <c>1/(2n)||y - Xw||² + alpha·l1_ratio·||w||₁ + alpha·(1 - l1_ratio)/2·||w||²</c> on centred data by
/// sklearn's cyclic coordinate descent (see <see cref="CoordinateDescent"/>), so the result after a fixed number of
/// sweeps, converged or not, is the one sklearn returns.
/// </summary>
public sealed class ElasticNetRegression : IRegressor
{
    private readonly double _alpha;
    private readonly double _l1Ratio;
    private readonly int _maxIter;
    private readonly double _tol;
    private double[]? _coef;

    /// <summary>Creates the estimator.</summary>
    /// <param name="alpha">Overall penalty strength (sklearn's <c>alpha</c>), at least 0.</param>
    /// <param name="l1Ratio">Share of the penalty that is L1, in [0, 1] (sklearn's <c>l1_ratio</c>).</param>
    /// <param name="maxIter">Maximum number of coordinate sweeps (sklearn's <c>max_iter</c>).</param>
    /// <param name="tol">Convergence tolerance (sklearn's <c>tol</c>).</param>
    public ElasticNetRegression(double alpha = 1.0, double l1Ratio = 0.5, int maxIter = 1000, double tol = 1e-4)
    {
        CoordinateDescent.Validate(alpha, l1Ratio, maxIter, tol);
        (_alpha, _l1Ratio, _maxIter, _tol) = (alpha, l1Ratio, maxIter, tol);
    }

    /// <summary>Fitted weights per feature (sklearn's <c>coef_</c>); empty before <see cref="Fit"/>.</summary>
    public IReadOnlyList<double> Coefficients => _coef ?? [];

    /// <summary>Fitted intercept (sklearn's <c>intercept_</c>).</summary>
    public double Intercept { get; private set; }

    /// <summary>Coordinate sweeps run by the last fit (sklearn's <c>n_iter_</c>); equal to maxIter when it did not converge.</summary>
    public int Iterations { get; private set; }

    /// <inheritdoc />
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default) =>
        Fit(new TrainingSet(rows, targets), cancellationToken);

    /// <inheritdoc />
    public void Fit(TrainingSet training, CancellationToken cancellationToken = default)
    {
        (var coef, var intercept, var iterations) =
            CoordinateDescent.Fit(training, _alpha, _l1Ratio, _maxIter, _tol);
        (_coef, Intercept, Iterations) = (coef, intercept, iterations);
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows) => CenteredDesign.Predict(rows, _coef, Intercept);
}
