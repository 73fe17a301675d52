using Gaze.Models;

namespace Gaze.Selection;

/// <summary>
/// The fits of a grid search on one fold: each candidate of a model trained on the rows outside
/// the fold and scored (R²) on the fold. Self-contained, so it can run on any thread or node, whole
/// or a slice of its candidates at a time.
/// </summary>
public sealed record FoldFits(
    string Model,
    IReadOnlyList<ModelParameters> Candidates,
    double[][] TrainRows,
    double[] TrainTargets,
    double[][] TestRows,
    double[] TestTargets)
{
    /// <summary>The fits of candidates <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1.</summary>
    public FoldFits Slice(int start, int count) => this with { Candidates = [.. Candidates.Skip(start).Take(count)] };

    /// <summary>
    /// The fold with the model's feature steps fitted and applied once (they take no
    /// hyper-parameters), ready to score any candidate; the same numbers as a whole pipeline per fit.
    /// </summary>
    public PreparedFold Prepare()
    {
        var (train, test) = (TrainRows, TestRows);
        foreach (var step in ModelRegistry.FeatureSteps(Model))
        {
            step.Fit(train);
            train = step.Transform(train);
            test = step.Transform(test);
        }

        return new PreparedFold(Model, new TrainingSet(train, TrainTargets), test, TestTargets);
    }

    /// <summary>Every candidate's score, in candidate order, one after the other on the calling thread.</summary>
    public double[] ScoreAll(CancellationToken cancellationToken)
    {
        var prepared = Prepare();
        return [.. Candidates.Select(candidate => prepared.Score(candidate, cancellationToken))];
    }
}

/// <summary>
/// A fold whose features are ready for the model's estimator: every candidate fitted on it shares
/// the training set's derived data (see <see cref="TrainingSet"/>), so candidates may be scored
/// concurrently and in any order.
/// </summary>
public sealed class PreparedFold(string model, TrainingSet training, double[][] testRows, double[] testTargets)
{
    public double Score(ModelParameters candidate, CancellationToken cancellationToken)
    {
        var estimator = ModelRegistry.Estimator(model, candidate);
        estimator.Fit(training, cancellationToken);
        return RSquared.Score(testTargets, estimator.Predict(testRows));
    }
}
