using Gaze.Clustering;
using Gaze.Features;
using Gaze.Models;
using Gaze.Sampling;
using Gaze.Selection;

namespace Gaze.Calibration;

/// <summary>
/// The calibration of docs/algorithms.md section 2: one seeded 80/20 split stratified by target, a
/// model per axis (grid-searched unless linear regression; with <see cref="ModelRegistry.Auto"/>,
/// the best of every model's grid search) on standardised features, k-means on the held-out
/// predictions, and per-target metrics of the non-negative predictions.
/// </summary>
public sealed class Calibrator(IReadOnlyDictionary<string, Dictionary<string, string[]>> grids)
{
    /// <summary>The calibration with every step on the calling thread, one after the other.</summary>
    public CalibrationOutcome Calibrate(IReadOnlyList<CalibrationSample> samples, int k, string model, CancellationToken cancellationToken) =>
        CalibrateAsync(samples, k, model, InlineFitWork.Instance, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// The calibration with its CPU-bound steps on <paramref name="work"/>: both axes, and every
    /// fit of their grid searches, at once. The outcome is the same wherever the steps run.
    /// </summary>
    public async Task<CalibrationOutcome> CalibrateAsync(IReadOnlyList<CalibrationSample> samples, int k, string model, IFitWork work, CancellationToken cancellationToken)
    {
        var split = SplitRows(samples);
        if (k > split.Test.Length)
        {
            throw new CalibrationRejectedException($"k = {k} clusters need at least {k} held-out samples, but the split holds out {split.Test.Length}.");
        }

        var axisX = FitAndPredictAsync(model, samples, split, s => [s.LeftX, s.RightX], s => s.PointX, work, cancellationToken);
        var axisY = FitAndPredictAsync(model, samples, split, s => [s.LeftY, s.RightY], s => s.PointY, work, cancellationToken);
        var (choiceX, predictedX) = await axisX;
        var (choiceY, predictedY) = await axisY;
        var centroids = await work.RunAsync(() => KMeansClustering.Centroids([.. predictedX.Zip(predictedY, (x, y) => new[] { x, y })], k), cancellationToken);
        return new CalibrationOutcome(
            Targets(samples, split.Test, predictedX, predictedY),
            centroids,
            split.Stratified ? "stratified" : "fallback",
            choiceX,
            choiceY,
            new HeldOut(split.Train, split.Test, predictedX, predictedY));
    }

    /// <summary>
    /// An estimate of what <see cref="CalibrateAsync"/> would cost on <paramref name="samples"/>
    /// samples, from the grids and <see cref="FitCosts"/>, without touching the data: the split's
    /// training rows, five folds of four fifths of them per distinct candidate, and the refit of
    /// each axis (with Auto, of the model whose refit costs most).
    /// </summary>
    public CalibrationCost CostOf(string model, int samples)
    {
        var trainRows = samples - (int)Math.Ceiling(0.2 * samples);
        var foldRows = trainRows - (trainRows / GridSearch.Folds);
        var searched = model == ModelRegistry.Auto ? ModelRegistry.Names : IsSearched(model) ? [model] : [];
        double searchSeconds = 0;
        var searchFits = 0;
        foreach (var each in searched)
        {
            var fits = GridSearch.DistinctFitCount(each, CandidatesOf(each)) * GridSearch.Folds;
            searchFits += fits;
            searchSeconds += fits * FitCosts.Seconds(each, foldRows);
        }

        var refitted = model == ModelRegistry.Auto ? ModelRegistry.Names : [model];
        var refitSeconds = refitted.Max(each => FitCosts.Seconds(each, trainRows));
        const int Axes = 2;
        return new CalibrationCost(Axes * searchSeconds, Axes * searchFits, Axes * refitSeconds);
    }

    private static SplitResult SplitRows(IReadOnlyList<CalibrationSample> samples)
    {
        var lonely = samples.GroupBy(s => (s.PointX, s.PointY)).FirstOrDefault(target => target.Count() < 2);
        if (lonely is not null)
        {
            throw new CalibrationRejectedException(
                $"Target ({lonely.Key.PointX}, {lonely.Key.PointY}) has 1 sample; every target needs at least 2 so one can be held out.");
        }

        try
        {
            return StratifiedSplit.Split([.. samples.Select(s => (s.PointX, s.PointY))]);
        }
        catch (SplitImpossibleException impossible)
        {
            throw new CalibrationRejectedException(impossible.Message);
        }
    }

    private async Task<(GridChoice Choice, double[] Predictions)> FitAndPredictAsync(
        string model,
        IReadOnlyList<CalibrationSample> samples,
        SplitResult split,
        Func<CalibrationSample, double[]> features,
        Func<CalibrationSample, double> target,
        IFitWork work,
        CancellationToken cancellationToken)
    {
        var scaler = new StandardScaler();
        var train = split.Train.Select(i => features(samples[i])).ToArray();
        scaler.Fit(train);
        train = scaler.Transform(train);
        var test = scaler.Transform([.. split.Test.Select(i => features(samples[i]))]);
        var targets = split.Train.Select(i => target(samples[i])).ToArray();

        GridChoice choice;
        try
        {
            choice = await ChooseAsync(model, train, targets, work, cancellationToken);
        }
        catch (SplitImpossibleException impossible)
        {
            throw new CalibrationRejectedException($"Too few training samples for 5-fold cross-validation: {impossible.Message}");
        }

        var predictions = await work.RunAsync(
            () =>
            {
                var fitted = ModelRegistry.Create(choice.Model, choice.Parameters);
                fitted.Fit(train, targets, cancellationToken);
                return fitted.Predict(test);
            },
            cancellationToken);
        return (choice, predictions);
    }

    /// <summary>The model and hyper-parameters an axis is fitted with.</summary>
    private Task<GridChoice> ChooseAsync(string model, double[][] train, double[] targets, IFitWork work, CancellationToken cancellationToken) =>
        model == ModelRegistry.Auto ? BestOfEveryModelAsync(train, targets, work, cancellationToken)
        : IsSearched(model) ? SearchAsync(model, train, targets, work, cancellationToken)
        : Task.FromResult(GridChoice.Unsearched(model));

    /// <summary>Whether a calibration with <paramref name="model"/> alone grid-searches it (Linear Regression, and a model without a grid, are fitted as they are).</summary>
    private bool IsSearched(string model) => model != ModelRegistry.LinearRegression && grids.ContainsKey(model);

    /// <summary>The candidates a search of <paramref name="model"/> compares: its grid, or the model as it is.</summary>
    private IReadOnlyList<ModelParameters> CandidatesOf(string model) =>
        IsSearched(model) ? ParameterGrid.Expand(grids[model]) : [ModelParameters.None];

    /// <summary>
    /// Every model's grid search at once (Linear Regression, and a model without a grid, as their
    /// one candidate on the same folds); the highest mean R² wins, ties going to the earlier model
    /// in the reference's order, so the choice is as deterministic as each search's.
    /// </summary>
    private async Task<GridChoice> BestOfEveryModelAsync(double[][] train, double[] targets, IFitWork work, CancellationToken cancellationToken)
    {
        var choices = await Task.WhenAll(ModelRegistry.Names.Select(model => SearchAsync(model, train, targets, work, cancellationToken)));
        var best = choices[0];
        var bestScore = double.NegativeInfinity;
        foreach (var choice in choices)
        {
            // Strictly greater keeps the earlier of equals; a NaN score never wins.
            if (choice.Score > bestScore)
            {
                (best, bestScore) = (choice, choice.Score);
            }
        }

        return best;
    }

    private Task<GridChoice> SearchAsync(string model, double[][] train, double[] targets, IFitWork work, CancellationToken cancellationToken) =>
        GridSearch.SelectAsync(model, CandidatesOf(model), train, targets, work, cancellationToken);

    private static List<TargetOutcome> Targets(IReadOnlyList<CalibrationSample> samples, int[] test, double[] predictedX, double[] predictedY)
    {
        // Rows whose predicted x or y is negative (or NaN) are dropped, as the reference did.
        var kept = test.Select((row, i) => (Sample: samples[row], X: predictedX[i], Y: predictedY[i]))
            .Where(r => r.X >= 0 && r.Y >= 0);
        return [.. kept
            .GroupBy(r => (r.Sample.PointX, r.Sample.PointY))
            .OrderBy(g => g.Key.PointX).ThenBy(g => g.Key.PointY)
            .Select(g =>
            {
                var xs = g.Select(r => r.X).ToArray();
                var ys = g.Select(r => r.Y).ToArray();
                return new TargetOutcome(g.Key.PointX, g.Key.PointY, xs, ys, TargetMetrics.PrecisionSd(xs, ys), TargetMetrics.Accuracy(g.Key.PointX, g.Key.PointY, xs, ys));
            })];
    }
}
