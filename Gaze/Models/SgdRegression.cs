using Gaze.Sampling;

namespace Gaze.Models;

/// <summary>
/// scikit-learn 1.2.1's <c>SGDRegressor</c> with its defaults (squared loss, <c>penalty='l2'</c>,
/// the <c>invscaling</c> rate <c>eta0 / t^0.25</c>, a shuffled pass per epoch, no averaging, no
/// early stopping), reproduced step for step: the same shuffle seed drawn from
/// <c>RandomState(random_state)</c>, the same xorshift shuffle, the same order of operations in each
/// step, so the fitted weights are scikit-learn's (docs/algorithms.md section 1.3).
/// </summary>
/// <remarks>
/// Each step: predict, add the squared loss to the epoch's sum, shrink the weights by
/// <c>max(0, 1 - eta·alpha)</c>, then add <c>-eta·clip(error)·x</c>. The weights are kept as
/// scale × direction (scikit-learn's <c>wscale</c>) so the shrink costs one multiply, and the rows
/// are one contiguous array, so a step allocates nothing and calls nothing. A fit stops after five
/// epochs in a row that did not lower the summed loss by <c>tol·n</c>, or at <c>maxIter</c>.
/// Where scikit-learn raises on an overflow, this fit stops with non-finite weights: its
/// predictions are NaN, which a grid search ranks last (as scikit-learn's <c>error_score=nan</c>).
/// <c>l1_ratio</c> is not a parameter: scikit-learn ignores it under the L2 penalty.
/// </remarks>
public sealed class SgdRegression : IRegressor
{
    private const int EpochsWithoutImprovement = 5;
    private const double MaxGradient = 1e12;
    private const double RescaleBelow = 1e-9;

    private readonly double _alpha;
    private readonly double _eta0;
    private readonly int _maxIter;
    private readonly double _tol;
    private readonly uint _randomState;

    private double[] _weights = [];
    private double _intercept;

    /// <param name="alpha">The L2 penalty's weight, at least 0.</param>
    /// <param name="eta0">The initial learning rate, at least 0.</param>
    /// <param name="maxIter">The most epochs, at least 1.</param>
    /// <param name="tol">The summed loss an epoch must gain, per row, to count as progress.</param>
    /// <param name="randomState">scikit-learn's <c>random_state</c>: the seed of the shuffles.</param>
    public SgdRegression(double alpha = 1e-4, double eta0 = 0.01, int maxIter = 1000, double tol = 1e-3, uint randomState = 0)
    {
        if (!(alpha >= 0) || !(eta0 >= 0) || double.IsNaN(tol))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), $"alpha ({alpha}) and eta0 ({eta0}) must be at least 0, tol ({tol}) a number.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxIter, 1);
        (_alpha, _eta0, _maxIter, _tol, _randomState) = (alpha, eta0, maxIter, tol, randomState);
    }

    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Length == 0 || targets.Length != rows.Length)
        {
            throw new ArgumentException($"Got {rows.Length} rows and {targets.Length} targets; need as many of each, at least one.", nameof(targets));
        }

        var n = rows.Length;
        var p = rows[0]?.Length ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
        var x = RowMajor.Flatten(rows, p, nameof(rows));
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var shuffleSeed = ShuffleSeed(_randomState);
        var powers = QuarterPowers.Covering((long)_maxIter * n);
        var direction = new double[p];
        var scale = 1.0;
        var intercept = 0.0;
        var bestLoss = double.PositiveInfinity;
        var stale = 0;
        long step = 0; // t - 1: scikit-learn's t starts at 1
        for (var epoch = 0; epoch < _maxIter; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            XorShiftShuffle.Shuffle(order, shuffleSeed);
            double lossSum = 0;
            foreach (var i in order)
            {
                var row = x.AsSpan(i * p, p);
                var error = Dot(direction, row) * scale + intercept - targets[i];
                var eta = _eta0 / (step < powers.Length ? powers[step] : Math.Pow(step + 1, 0.25));
                lossSum += 0.5 * error * error;
                var update = -eta * Math.Clamp(error, -MaxGradient, MaxGradient);

                // Zero when eta·alpha ≥ 1: the weights are then reset rather than flipped in sign.
                scale *= Math.Max(0, 1.0 - eta * _alpha);
                if (scale < RescaleBelow)
                {
                    Fold(direction, ref scale);
                }

                if (update != 0.0)
                {
                    var along = update / scale;
                    for (var c = 0; c < direction.Length; c++)
                    {
                        direction[c] += row[c] * along;
                    }

                    intercept += update;
                }

                step++;
            }

            if (!double.IsFinite(intercept) || !AllFinite(direction))
            {
                break;
            }

            stale = lossSum > bestLoss - _tol * n ? stale + 1 : 0;
            bestLoss = Math.Min(bestLoss, lossSum);
            if (stale >= EpochsWithoutImprovement)
            {
                break;
            }
        }

        Fold(direction, ref scale);
        _weights = direction;
        _intercept = intercept;
    }

    public double[] Predict(double[][] rows) => [.. rows.Select(row => Dot(_weights, row) + _intercept)];

    /// <summary>
    /// The seed of every epoch's shuffle: scikit-learn's first draw from the estimator's
    /// <c>RandomState</c>, <c>randint(0, 2^31 - 1)</c>.
    /// </summary>
    private static uint ShuffleSeed(uint randomState) => (uint)new NumpyRandomState(randomState).Bounded(int.MaxValue - 1);

    private static void Fold(double[] direction, ref double scale)
    {
        for (var c = 0; c < direction.Length; c++)
        {
            direction[c] *= scale;
        }

        scale = 1.0;
    }

    private static bool AllFinite(double[] values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    // Summed in feature order, as scikit-learn's WeightVector.dot does.
    private static double Dot(double[] weights, ReadOnlySpan<double> row)
    {
        double sum = 0;
        for (var c = 0; c < row.Length; c++)
        {
            sum += weights[c] * row[c];
        }

        return sum;
    }
}
