using Gaze.Models;
using Gaze.Sampling;

namespace Gaze.Selection;

/// <summary>
/// scikit-learn's <c>GridSearchCV(cv=5, refit=True)</c> scored by R²: every candidate is fitted on
/// each of 5 contiguous folds' complements and scored on the fold; the highest mean score wins,
/// ties going to the earlier candidate in grid order; the winner is refitted on all rows.
/// </summary>
/// <remarks>
/// The candidate × fold fits are independent, so all of them are handed to <see cref="IFitWork"/>
/// at once (each distinct fit once: see <see cref="ModelRegistry.FitIdentity"/>), a fold's fits
/// together (they share its feature steps and derived data); the scores are
/// then averaged per candidate in fold order and compared in grid order, so the choice does not
/// depend on where or in which order the fits ran.
/// </remarks>
public static class GridSearch
{
    public const int Folds = 5;

    /// <summary>The best candidate, refitted on all rows, with every step on the calling thread.</summary>
    public static (IRegressor Model, ModelParameters Best) FitBest(
        string model,
        IReadOnlyList<ModelParameters> candidates,
        double[][] rows,
        double[] targets,
        CancellationToken cancellationToken)
    {
        var best = SelectAsync(model, candidates, rows, targets, InlineFitWork.Instance, cancellationToken).GetAwaiter().GetResult();
        var fitted = ModelRegistry.Create(model, best.Parameters);
        fitted.Fit(rows, targets, cancellationToken);
        return (fitted, best.Parameters);
    }

    /// <summary>The candidate with the best mean cross-validated R² (the earliest of equals), and that score.</summary>
    /// <exception cref="SplitImpossibleException">Fewer rows than folds.</exception>
    public static async Task<GridChoice> SelectAsync(
        string model,
        IReadOnlyList<ModelParameters> candidates,
        double[][] rows,
        double[] targets,
        IFitWork work,
        CancellationToken cancellationToken)
    {
        var folds = KFold.Split(rows.Length, Folds);
        var (fits, fitOf) = DistinctFits(model, candidates);
        var scores = await Task.WhenAll(folds.Select(fold =>
            work.ScoreAsync(new FoldFits(model, fits, Pick(rows, fold.Train), Pick(targets, fold.Train), Pick(rows, fold.Test), Pick(targets, fold.Test)), cancellationToken)));

        var bestScore = double.NegativeInfinity;
        var best = candidates[0];
        for (var c = 0; c < candidates.Count; c++)
        {
            // The mean as LINQ's Average computes it: summed in fold order, then divided.
            double sum = 0;
            for (var f = 0; f < folds.Count; f++)
            {
                sum += scores[f][fitOf[c]];
            }

            var score = sum / folds.Count;
            // A failed (NaN) score ranks last; strictly greater keeps the earlier of equal candidates.
            if (score > bestScore)
            {
                bestScore = score;
                best = candidates[c];
            }
        }

        return new GridChoice(model, best, bestScore);
    }

    /// <summary>How many different fits <paramref name="candidates"/> build: the fits per fold of a search of them.</summary>
    public static int DistinctFitCount(string model, IReadOnlyList<ModelParameters> candidates) => DistinctFits(model, candidates).Fits.Length;

    /// <summary>
    /// The candidates that build different fits (the first of each group, in grid order), and for
    /// each candidate the index of its fit: candidates that differ only in parameters the model does
    /// not use share one fit per fold, and so get the very scores scikit-learn computes for each.
    /// </summary>
    private static (ModelParameters[] Fits, int[] FitOf) DistinctFits(string model, IReadOnlyList<ModelParameters> candidates)
    {
        var fits = new List<ModelParameters>();
        var byIdentity = new Dictionary<string, int>(StringComparer.Ordinal);
        var fitOf = new int[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var identity = ModelRegistry.FitIdentity(model, candidates[c]);
            if (!byIdentity.TryGetValue(identity, out var fit))
            {
                fit = fits.Count;
                byIdentity.Add(identity, fit);
                fits.Add(candidates[c]);
            }

            fitOf[c] = fit;
        }

        return ([.. fits], fitOf);
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
