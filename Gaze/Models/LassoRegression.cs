namespace Gaze.Models;

/// <summary>
/// Lasso with an intercept, matching scikit-learn 1.2.1 <c>Lasso(alpha, max_iter, tol)</c>, which is ElasticNet with
/// l1_ratio = 1: minimises <c>1/(2n)||y - Xw||² + alpha·||w||₁</c> on centred data by the same cyclic coordinate
/// descent (see <see cref="CoordinateDescent"/>).
/// </summary>
public sealed class LassoRegression : IRegressor
{
    private readonly double _alpha;
    private readonly int _maxIter;
    private readonly double _tol;
    private double[]? _coef;

    /// <summary>Creates the estimator.</summary>
    /// <param name="alpha">L1 penalty strength (sklearn's <c>alpha</c>), at least 0.</param>
    /// <param name="maxIter">Maximum number of coordinate sweeps (sklearn's <c>max_iter</c>).</param>
    /// <param name="tol">Convergence tolerance (sklearn's <c>tol</c>).</param>
    public LassoRegression(double alpha = 1.0, int maxIter = 1000, double tol = 1e-4)
    {
        CoordinateDescent.Validate(alpha, 1.0, maxIter, tol);
        (_alpha, _maxIter, _tol) = (alpha, maxIter, tol);
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
            CoordinateDescent.Fit(training, _alpha, 1.0, _maxIter, _tol);
        (_coef, Intercept, Iterations) = (coef, intercept, iterations);
    }

    /// <inheritdoc />
    public double[] Predict(double[][] rows) => CenteredDesign.Predict(rows, _coef, Intercept);
}
