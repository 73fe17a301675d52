using System.Buffers;
using Gaze.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Gaze.Models;

/// <summary>
/// Training data prepared as scikit-learn's <c>_preprocess_data</c> does with <c>fit_intercept=True</c>: every
/// feature column and the target are centred on their means, so the solvers need no intercept column and the
/// intercept is recovered afterwards as <c>mean(y) - mean(X)·w</c>. A constant column (such as the bias column of
/// polynomial features) becomes exactly zero here, which every solver then leaves at weight zero.
/// The matrix is stored column-major because all solvers here walk features (columns), and because MathNet's
/// dense matrices use that layout, so it can be wrapped without a copy.
/// </summary>
internal sealed class CenteredDesign
{
    private CenteredDesign(int rows, int features, double[] x, double[] y, double[] featureMeans, double targetMean)
    {
        Rows = rows;
        Features = features;
        X = x;
        Y = y;
        FeatureMeans = featureMeans;
        TargetMean = targetMean;
    }

    /// <summary>Number of training rows, n.</summary>
    public int Rows { get; }

    /// <summary>Number of features, p.</summary>
    public int Features { get; }

    /// <summary>Centred features, column-major: element (i, j) is at <c>j * Rows + i</c>.</summary>
    public double[] X { get; }

    /// <summary>Centred targets.</summary>
    public double[] Y { get; }

    /// <summary>Column means that were subtracted (sklearn's <c>X_offset</c>).</summary>
    public double[] FeatureMeans { get; }

    /// <summary>Target mean that was subtracted (sklearn's <c>y_offset</c>).</summary>
    public double TargetMean { get; }

    /// <summary>The centred design of <paramref name="training"/>, made once for every fit on it.</summary>
    public static CenteredDesign For(TrainingSet training) =>
        training.Derived(typeof(CenteredDesign), static set => From(set.Rows, set.Targets));

    /// <summary>Validates the inputs like sklearn's <c>check_X_y</c> (rectangular, finite, matching lengths) and centres them.</summary>
    public static CenteredDesign From(double[][] rows, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Length == 0)
        {
            throw new ArgumentException("At least one row is required.", nameof(rows));
        }

        if (targets.Length != rows.Length)
        {
            throw new ArgumentException($"Got {rows.Length} rows but {targets.Length} targets.", nameof(targets));
        }

        var n = rows.Length;
        var p = rows[0]?.Length ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
        if (p == 0)
        {
            throw new ArgumentException("At least one feature is required.", nameof(rows));
        }

        for (var i = 0; i < n; i++)
        {
            var row = rows[i] ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
            if (row.Length != p)
            {
                throw new ArgumentException($"Row {i} has {row.Length} features, expected {p}.", nameof(rows));
            }

            for (var j = 0; j < p; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    throw new ArgumentException($"Row {i} feature {j} is not finite.", nameof(rows));
                }
            }
        }

        // Copied column-major first, so each column is one span to average and then centre in place.
        var x = new double[n * p];
        var means = new double[p];
        for (var j = 0; j < p; j++)
        {
            var column = x.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                column[i] = rows[i][j];
            }

            var mean = Moments.NaiveMean(column);
            for (var i = 0; i < n; i++)
            {
                column[i] -= mean;
            }

            means[j] = mean;
        }

        foreach (var t in targets)
        {
            if (!double.IsFinite(t))
            {
                throw new ArgumentException("Targets must be finite.", nameof(targets));
            }
        }

        var targetMean = Moments.NaiveMean(targets);
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = targets[i] - targetMean;
        }

        return new CenteredDesign(n, p, x, y, means, targetMean);
    }

    /// <summary>Column <paramref name="j"/> of the centred features.</summary>
    public Span<double> Column(int j) => X.AsSpan(j * Rows, Rows);

    /// <summary>sklearn's <c>_set_intercept</c>: <c>y_offset - X_offset·coef</c>.</summary>
    public double InterceptFor(double[] coef)
    {
        double dot = 0;
        for (var j = 0; j < Features; j++)
        {
            dot += FeatureMeans[j] * coef[j];
        }

        return TargetMean - dot;
    }

    /// <summary>
    /// Thin SVD of the centred X = U·diag(S)·Vt, with k = min(n, p) singular values in descending order, returned
    /// with Vt (k x p, row-major) and Uᵀy (k), which is all that least squares, ridge and Bayesian ridge need.
    /// For n ≥ p, X is first reduced by a Householder QR (X = QR, Q never formed, only Qᵀy kept) and MathNet
    /// decomposes the p x p factor R: the singular values are the same, and no n x n U is built (MathNet's SVD
    /// always builds the full U, which for ~650 rows would cost far more than the whole fit).
    /// </summary>
    public (double[] S, double[] Vt, double[] Uty) ThinSvd()
    {
        int n = Rows, p = Features;
        Svd<double> svd;
        double[] projected;
        if (n >= p)
        {
            (var r, projected) = TriangularFactor();
            svd = Matrix<double>.Build.Dense(p, p, r).Svd(computeVectors: true);
        }
        else
        {
            svd = Matrix<double>.Build.Dense(n, p, X).Svd(computeVectors: true);
            projected = Y;
        }

        Matrix<double> u = svd.U, vt = svd.VT;
        var k = Math.Min(n, p);
        var singular = new double[k];
        var vtRows = new double[k * p];
        var uty = new double[k];
        for (var i = 0; i < k; i++)
        {
            singular[i] = svd.S[i];
            for (var j = 0; j < p; j++)
            {
                vtRows[i * p + j] = vt[i, j];
            }

            double dot = 0;
            for (var r = 0; r < u.RowCount; r++)
            {
                dot += u[r, i] * projected[r];
            }

            uty[i] = dot;
        }
        return (singular, vtRows, uty);
    }

    /// <summary>
    /// Householder QR of the centred X (n ≥ p): returns R (p x p, column-major) and the first p entries of Qᵀy.
    /// A column that is (or becomes) exactly zero gets no reflection and leaves a zero on R's diagonal.
    /// </summary>
    private (double[] R, double[] Qty) TriangularFactor()
    {
        int n = Rows, p = Features;
        var a = ArrayPool<double>.Shared.Rent(n * p);
        var y = ArrayPool<double>.Shared.Rent(n);
        try
        {
            Array.Copy(X, a, n * p);
            Array.Copy(Y, y, n);
            for (var k = 0; k < p; k++)
            {
                var v = a.AsSpan(k * n + k, n - k);
                double norm = 0;
                foreach (var value in v)
                {
                    norm += value * value;
                }

                norm = Math.Sqrt(norm);
                if (norm == 0)
                {
                    continue;
                }
                // H = I - v·vᵀ/(vᵀv) with v = x - beta·e1 maps x onto beta·e1; beta takes -sign(x0) to avoid cancellation.
                var x0 = v[0];
                var beta = x0 > 0 ? -norm : norm;
                v[0] = x0 - beta;
                var vv = 2 * norm * (norm + Math.Abs(x0)); // ||x - beta·e1||²
                for (var j = k + 1; j < p; j++)
                {
                    Reflect(v, a.AsSpan(j * n + k, n - k), vv);
                }

                Reflect(v, y.AsSpan(k, n - k), vv);
                v[0] = beta; // R[k, k]; the rest of v is below R and no longer needed
            }

            var r = new double[p * p];
            for (var j = 0; j < p; j++)
            {
                for (var i = 0; i <= j; i++)
                {
                    r[j * p + i] = a[j * n + i];
                }
            }

            return (r, y.AsSpan(0, p).ToArray());
        }
        finally
        {
            ArrayPool<double>.Shared.Return(a);
            ArrayPool<double>.Shared.Return(y);
        }
    }

    /// <summary>Applies H = I - 2·v·vᵀ/<paramref name="vv"/> to <paramref name="target"/> in place.</summary>
    private static void Reflect(ReadOnlySpan<double> v, Span<double> target, double vv)
    {
        double dot = 0;
        for (var i = 0; i < v.Length; i++)
        {
            dot += v[i] * target[i];
        }

        var scale = 2 * dot / vv;
        for (var i = 0; i < v.Length; i++)
        {
            target[i] -= scale * v[i];
        }
    }

    /// <summary>sklearn's <c>LinearModel.predict</c>: <c>X·coef + intercept</c> per row.</summary>
    public static double[] Predict(double[][] rows, double[]? coef, double intercept)
    {
        if (coef is null)
        {
            throw new InvalidOperationException("Fit must be called before Predict.");
        }

        ArgumentNullException.ThrowIfNull(rows);
        var predictions = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i] ?? throw new ArgumentException("Rows must not be null.", nameof(rows));
            if (row.Length != coef.Length)
            {
                throw new ArgumentException($"Row {i} has {row.Length} features, the model was fitted on {coef.Length}.", nameof(rows));
            }

            double dot = 0;
            for (var j = 0; j < coef.Length; j++)
            {
                dot += row[j] * coef[j];
            }

            predictions[i] = dot + intercept;
        }
        return predictions;
    }
}
