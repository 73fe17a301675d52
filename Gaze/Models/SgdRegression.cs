using Gaze.Sampling;

namespace Gaze.Models;

/// <summary>
/// scikit-learn's <c>SGDRegressor</c> with its defaults: plain stochastic gradient descent on the
/// squared loss, an elastic-net-style L2 shrink of <c>(1 - l1_ratio)·eta·alpha</c> per step,
/// the <c>invscaling</c> rate <c>eta0 / t^0.25</c>, a shuffled pass per epoch, and the stop rule
/// "no epoch improved the summed loss by <c>tol·n</c> five times in a row".
/// </summary>
/// <remarks>
/// Written here rather than on ML.NET's online gradient descent: that trainer averages its weights
/// and decays the rate as 1/√t, which on pixel-valued targets left it hundreds of pixels from
/// scikit-learn's fit (the parity tests require 10%). Same algorithm, different shuffling order,
/// so results agree in accuracy, not bit for bit.
/// </remarks>
public sealed class SgdRegression(double alpha = 1e-4, double eta0 = 0.01, int maxIter = 1000, double l1Ratio = 0.15, double tol = 1e-3, uint seed = 42) : IRegressor
{
    private const int EpochsWithoutImprovement = 5;
    private const double MaxGradient = 1e12;

    private double[] _weights = [];
    private double _intercept;

    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        var features = rows[0].Length;
        // The weights are kept as scale * direction so the per-step L2 shrink costs one multiply
        // instead of a pass over the weights (scikit-learn's wscale); folded back at the end.
        var direction = new double[features];
        var scale = 1.0;
        var intercept = 0.0;
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new NumpyRandomState(seed);
        var bestLoss = double.PositiveInfinity;
        var stale = 0;
        var t = 1.0;
        for (var epoch = 0; epoch < maxIter; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            double lossSum = 0;
            foreach (var i in order)
            {
                var row = rows[i];
                var error = scale * Dot(direction, row) + intercept - targets[i];
                lossSum += 0.5 * error * error;
                var eta = eta0 / Math.Sqrt(Math.Sqrt(t)); // t^0.25, without the cost of Math.Pow
                var update = -eta * Math.Clamp(error, -MaxGradient, MaxGradient);
                var step = update / scale;
                for (var c = 0; c < features; c++)
                {
                    direction[c] += step * row[c];
                }

                intercept += update;
                scale *= Math.Max(0, 1.0 - (1.0 - l1Ratio) * eta * alpha);
                if (scale < 1e-9)
                {
                    Fold(direction, ref scale);
                }

                t++;
            }

            stale = lossSum > bestLoss - tol * rows.Length ? stale + 1 : 0;
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

    private static void Fold(double[] direction, ref double scale)
    {
        for (var c = 0; c < direction.Length; c++)
        {
            direction[c] *= scale;
        }

        scale = 1.0;
    }

    private static double Dot(double[] weights, double[] row)
    {
        double sum = 0;
        for (var c = 0; c < row.Length; c++)
        {
            sum += weights[c] * row[c];
        }

        return sum;
    }
}
