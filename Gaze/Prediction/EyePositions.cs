using Gaze.Calibration;

namespace Gaze.Prediction;

/// <summary>
/// Iris centres of both eyes, one array per coordinate (webcam pixels), and the binocular features
/// the gaze mapping is built from. Column arrays rather than sample objects: a session batch can
/// hold 100,000 samples and every step is a pass over one column.
/// </summary>
public sealed class EyePositions
{
    public EyePositions(double[] leftX, double[] leftY, double[] rightX, double[] rightY)
    {
        var count = leftX.Length;
        if (leftY.Length != count || rightX.Length != count || rightY.Length != count)
        {
            throw new ArgumentException("All four iris columns must have the same length.");
        }

        LeftX = leftX;
        LeftY = leftY;
        RightX = rightX;
        RightY = rightY;
    }

    /// <summary>The iris columns of calibration rows.</summary>
    public static EyePositions FromSamples(IReadOnlyList<CalibrationSample> rows) =>
        new([.. rows.Select(r => r.LeftX)], [.. rows.Select(r => r.LeftY)], [.. rows.Select(r => r.RightX)], [.. rows.Select(r => r.RightY)]);

    /// <summary>Rows of [left_x, left_y, right_x, right_y, ...] as columns (extra values are ignored).</summary>
    public static EyePositions FromRows(IReadOnlyList<double[]> rows) =>
        new([.. rows.Select(r => r[0])], [.. rows.Select(r => r[1])], [.. rows.Select(r => r[2])], [.. rows.Select(r => r[3])]);

    public double[] LeftX { get; }

    public double[] LeftY { get; }

    public double[] RightX { get; }

    public double[] RightY { get; }

    public int Count => LeftX.Length;

    /// <summary>(left + right) / 2 on x.</summary>
    public double[] MeanX() => Combine(LeftX, RightX, static (l, r) => (l + r) / 2);

    /// <summary>left − right on x.</summary>
    public double[] DiffX() => Combine(LeftX, RightX, static (l, r) => l - r);

    public double[] MeanY() => Combine(LeftY, RightY, static (l, r) => (l + r) / 2);

    public double[] DiffY() => Combine(LeftY, RightY, static (l, r) => l - r);

    /// <summary>
    /// Names the eye with the larger mean coordinate "left", independently on x and on y
    /// (docs/algorithms.md section 3, step 2): webcams mirror or not, and the models need a consistent order.
    /// The decision is taken on this set's own means.
    /// </summary>
    public EyePositions WithLaterality()
    {
        var swapX = Numpy.Mean(LeftX) < Numpy.Mean(RightX);
        var swapY = Numpy.Mean(LeftY) < Numpy.Mean(RightY);
        return new EyePositions(swapX ? RightX : LeftX, swapY ? RightY : LeftY, swapX ? LeftX : RightX, swapY ? LeftY : RightY);
    }

    /// <summary>The rows where <paramref name="keep"/> is true, in order.</summary>
    public EyePositions Where(bool[] keep) => new(Numpy.Select(LeftX, keep), Numpy.Select(LeftY, keep), Numpy.Select(RightX, keep), Numpy.Select(RightY, keep));

    private static double[] Combine(double[] left, double[] right, Func<double, double, double> combine)
    {
        var result = new double[left.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = combine(left[i], right[i]);
        }

        return result;
    }
}
