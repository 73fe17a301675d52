using Gaze.Models;
using Gaze.Sampling;

namespace Gaze.Selection;

/// <summary>
/// scikit-learn's <c>GridSearchCV(cv=5, refit=True)</c> scored by R²: every candidate is fitted on
/// each of 5 contiguous folds' complements and scored on the fold; the highest mean score wins,
/// ties going to the earlier candidate in grid order; the winner is refitted on all rows.
/// </summary>
public static class GridSearch
{
    public const int Folds = 5;

    public static (IRegressor Model, ModelParameters Best) FitBest(
        Func<ModelParameters, IRegressor> create,
        IReadOnlyList<ModelParameters> candidates,
        double[][] rows,
        double[] targets,
        CancellationToken cancellationToken)
    {
        var folds = KFold.Split(rows.Length, Folds);
        var bestScore = double.NegativeInfinity;
        var best = candidates[0];
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var score = folds.Average(fold => FoldScore(create(candidate), fold, rows, targets, cancellationToken));
            // A failed (NaN) score ranks last; strictly greater keeps the earlier of equal candidates.
            if (score > bestScore)
            {
                bestScore = score;
                best = candidate;
            }
        }

        var model = create(best);
        model.Fit(rows, targets, cancellationToken);
        return (model, best);
    }

    private static double FoldScore(IRegressor model, (int[] Train, int[] Test) fold, double[][] rows, double[] targets, CancellationToken cancellationToken)
    {
        model.Fit(Pick(rows, fold.Train), Pick(targets, fold.Train), cancellationToken);
        return RSquared.Score(Pick(targets, fold.Test), model.Predict(Pick(rows, fold.Test)));
    }

    private static T[] Pick<T>(T[] source, int[] indices)
    {
        var picked = new T[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            picked[i] = source[indices[i]];
        }

        return picked;
    }
}
