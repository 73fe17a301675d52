using Gaze.Selection;

namespace Gaze.Calibration;

/// <summary>What one target's held-out samples showed, in test-set order.</summary>
/// <param name="TrueX">Target x (page pixels).</param>
/// <param name="TrueY">Target y.</param>
/// <param name="PredictedX">Predicted x of the target's test samples whose predicted x and y are both ≥ 0.</param>
/// <param name="PredictedY">Predicted y of the same samples.</param>
/// <param name="PrecisionSd">See <see cref="TargetMetrics.PrecisionSd"/>.</param>
/// <param name="Accuracy">See <see cref="TargetMetrics.Accuracy"/>.</param>
public sealed record TargetOutcome(
    double TrueX,
    double TrueY,
    IReadOnlyList<double> PredictedX,
    IReadOnlyList<double> PredictedY,
    double PrecisionSd,
    double Accuracy);

/// <summary>The result of a calibration, before it is shaped into the response.</summary>
/// <param name="Targets">Targets in ascending (x, y) order; targets with no kept sample are absent.</param>
/// <param name="Centroids">k cluster centres of the (predicted x, predicted y) test pairs.</param>
/// <param name="Split">How the rows were split.</param>
/// <param name="X">What the x axis was fitted with: the model (the calibration's, or the one <c>Auto</c>
/// chose), its hyper-parameters (none without a grid search) and their cross-validated R².</param>
/// <param name="Y">The same for the y axis.</param>
/// <param name="Rows">The split and every held-out prediction, before filtering (for logs and parity checks).</param>
public sealed record CalibrationOutcome(
    IReadOnlyList<TargetOutcome> Targets,
    IReadOnlyList<double[]> Centroids,
    string Split,
    GridChoice X,
    GridChoice Y,
    HeldOut Rows)
{
    public string ModelX => X.Model;

    public IReadOnlyDictionary<string, string> ChosenX => X.Parameters.Values;

    public string ModelY => Y.Model;

    public IReadOnlyDictionary<string, string> ChosenY => Y.Parameters.Values;
}

/// <summary>Row indices of the split, and the predictions for the test rows in test order.</summary>
public sealed record HeldOut(int[] Train, int[] Test, double[] PredictedX, double[] PredictedY);
