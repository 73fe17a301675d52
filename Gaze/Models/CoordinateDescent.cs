using System.Numerics;
using System.Runtime.InteropServices;

namespace Gaze.Models;

/// <summary>
/// The elastic-net solver shared by <see cref="LassoRegression"/> and <see cref="ElasticNetRegression"/>: scikit-learn
/// 1.2.1 <c>ElasticNet.fit</c> on dense input (centre X and y, start from w = 0, cyclic selection), i.e.
/// <c>cd_fast.enet_coordinate_descent</c> minimising
/// <c>½||y - Xw||² + l1·||w||₁ + ½·l2·||w||²</c> with <c>l1 = alpha·l1_ratio·n</c> and <c>l2 = alpha·(1 - l1_ratio)·n</c>,
/// which is <c>1/(2n)||y - Xw||² + alpha·l1_ratio·||w||₁ + alpha·(1 - l1_ratio)/2·||w||²</c> scaled by n.
/// Stopping follows sklearn exactly: after a sweep whose largest weight change is below <c>tol</c> relative to the
/// largest weight (or on the last allowed sweep), the duality gap is computed and the loop ends once it is below
/// <c>tol·yᵀy</c>; otherwise it runs <c>maxIter</c> sweeps (where sklearn would warn ConvergenceWarning).
/// </summary>
internal static class CoordinateDescent
{
    /// <summary>Fits and returns the weights, intercept and number of sweeps (sklearn's <c>n_iter_</c>).</summary>
    /// <remarks>The centred design and its Gram matrix are shared by every fit on <paramref name="training"/>.</remarks>
    public static (double[] Coef, double Intercept, int Iterations) Fit(
        TrainingSet training, double alpha, double l1Ratio, int maxIter, double tol)
    {
        var design = CenteredDesign.For(training);
        var gram = training.Derived(typeof(GramSystem), static set => GramSystem.Of(CenteredDesign.For(set)));
        var n = design.Rows;
        var w = new double[design.Features];
        var iterations = Minimise(gram, w, alpha * l1Ratio * n, alpha * (1.0 - l1Ratio) * n, maxIter, tol);
        var intercept = design.InterceptFor(w);
        if (!double.IsFinite(intercept) || !Array.TrueForAll(w, double.IsFinite))
        {
            throw new InvalidOperationException(
                "Coordinate descent iterations resulted in non-finite parameter values. The input data may contain large values and need to be preprocessed.");
        }

        return (w, intercept, iterations);
    }

    /// <summary>Validates the hyper-parameters shared by both estimators, with sklearn's constraints.</summary>
    public static void Validate(double alpha, double l1Ratio, int maxIter, double tol)
    {
        if (!(alpha >= 0) || double.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be a finite value >= 0.");
        }

        if (!(l1Ratio >= 0 && l1Ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(l1Ratio), l1Ratio, "l1Ratio must be in [0, 1].");
        }

        if (maxIter < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxIter), maxIter, "maxIter must be >= 1.");
        }

        if (!(tol >= 0) || double.IsInfinity(tol))
        {
            throw new ArgumentOutOfRangeException(nameof(tol), tol, "tol must be a finite value >= 0.");
        }
    }

    /// <summary>
    /// Cyclic coordinate descent on the centred design, updating <paramref name="w"/> in place. It
    /// works on the Gram matrix H = XᵀX and q = Xᵀy (sklearn's <c>enet_coordinate_descent_gram</c>):
    /// with H·w kept up to date, a coordinate update costs O(p) instead of a pass over the n rows, and
    /// the iterates are those of the residual form (equal in exact arithmetic, within rounding here).
    /// </summary>
    private static int Minimise(GramSystem system, double[] w, double l1, double l2, int maxIter, double tol)
    {
        var p = system.Features;
        var (gram, q, yNorm2) = (system.Gram, system.Q, system.YNorm2);
        // w starts at zero, so H·w starts at zero.
        var hw = new double[p];
        var gapTol = tol * yNorm2;

        var iteration = 0;
        for (; iteration < maxIter; iteration++)
        {
            double maxWeight = 0, maxChange = 0;
            for (var j = 0; j < p; j++)
            {
                var norm = gram[j * p + j];
                if (norm == 0.0)
                {
                    continue; // an all-zero (constant before centring) column keeps weight 0
                }

                var old = w[j];
                // x_jᵀ(y - Xw + old·x_j): the residual form's rho, from q and H·w.
                var rho = q[j] - hw[j] + old * norm;
                var sign = rho > 0 ? 1.0 : rho < 0 ? -1.0 : 0.0; // Math.Sign would throw on NaN
                var updated = sign * Math.Max(Math.Abs(rho) - l1, 0) / (norm + l2);
                w[j] = updated;
                if (updated != old)
                {
                    Axpy(updated - old, gram.AsSpan(j * p, p), hw);
                }

                maxChange = Math.Max(maxChange, Math.Abs(updated - old));
                maxWeight = Math.Max(maxWeight, Math.Abs(updated));
            }

            var check = maxWeight == 0.0 || maxChange / maxWeight < tol || iteration == maxIter - 1;
            if (check && DualityGap(w, hw, q, yNorm2, l1, l2) < gapTol)
            {
                return iteration + 1;
            }
        }
        return maxIter;
    }

    /// <summary>
    /// Duality gap of the elastic-net problem at <paramref name="w"/> (cd_fast's stopping criterion),
    /// from the Gram quantities: Xᵀr = q - Hw, ||r||² = yᵀy - 2wᵀq + wᵀHw, rᵀy = yᵀy - wᵀq.
    /// </summary>
    private static double DualityGap(double[] w, double[] hw, double[] q, double yNorm2, double l1, double l2)
    {
        double dualNorm = 0, l1Norm = 0;
        for (var j = 0; j < w.Length; j++)
        {
            dualNorm = Math.Max(dualNorm, Math.Abs(q[j] - hw[j] - l2 * w[j]));
            l1Norm += Math.Abs(w[j]);
        }

        var qDotW = Dot(q, w);
        var residualNorm2 = yNorm2 - 2 * qDotW + Dot(w, hw);
        var weightNorm2 = Dot(w, w);
        double scale, gap;
        if (dualNorm > l1)
        {
            scale = l1 / dualNorm;
            gap = 0.5 * (residualNorm2 + residualNorm2 * scale * scale);
        }
        else
        {
            scale = 1.0;
            gap = residualNorm2;
        }
        return gap + l1 * l1Norm - scale * (yNorm2 - qDotW) + 0.5 * l2 * (1 + scale * scale) * weightNorm2;
    }

    /// <summary>H = XᵀX, q = Xᵀy and yᵀy of a centred design: all the solver reads of the data.</summary>
    private sealed record GramSystem(int Features, double[] Gram, double[] Q, double YNorm2)
    {
        public static GramSystem Of(CenteredDesign design)
        {
            var p = design.Features;
            var gram = new double[p * p];
            var q = new double[p];
            for (var j = 0; j < p; j++)
            {
                ReadOnlySpan<double> column = design.Column(j);
                q[j] = Dot(column, design.Y);
                for (var k = 0; k <= j; k++)
                {
                    gram[j * p + k] = gram[k * p + j] = Dot(column, design.Column(k));
                }
            }

            return new GramSystem(p, gram, q, Dot(design.Y, design.Y));
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<double>.Count)
        {
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b[..a.Length]);
            var acc = Vector<double>.Zero;
            for (var k = 0; k < va.Length; k++)
            {
                acc += va[k] * vb[k];
            }

            sum = Vector.Sum(acc);
            i = va.Length * Vector<double>.Count;
        }
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>y += a·x.</summary>
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var vx = MemoryMarshal.Cast<double, Vector<double>>(x);
            var vy = MemoryMarshal.Cast<double, Vector<double>>(y[..x.Length]);
            var va = new Vector<double>(a);
            for (var k = 0; k < vx.Length; k++)
            {
                vy[k] += va * vx[k];
            }

            i = vx.Length * Vector<double>.Count;
        }
        for (; i < x.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
