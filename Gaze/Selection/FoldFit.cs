using Gaze.Models;

namespace Gaze.Selection;

/// <summary>
/// One fit of a grid search: a candidate of a model trained on the rows outside one fold and
/// scored (R²) on the fold. Self-contained, so it can run on any thread or any node.
/// </summary>
public sealed record FoldFit(
    string Model,
    ModelParameters Parameters,
    double[][] TrainRows,
    double[] TrainTargets,
    double[][] TestRows,
    double[] TestTargets)
{
    public double Score(CancellationToken cancellationToken)
    {
        var model = ModelRegistry.Create(Model, Parameters);
        model.Fit(TrainRows, TrainTargets, cancellationToken);
        return RSquared.Score(TestTargets, model.Predict(TestRows));
    }
}
