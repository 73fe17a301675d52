using Gaze.Models;
using Gaze.Sampling;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

/// <summary>
/// The parts of scikit-learn's SGD that the calibration goldens only check as a whole, and the
/// grid search's sharing of the fits that SGD's unused <c>l1_ratio</c> makes identical.
/// </summary>
public sealed class SgdRegressionTests
{
    [Fact]
    public void The_epoch_shuffle_visits_rows_in_scikit_learns_order()
    {
        // scikit-learn 1.2.1: ArrayDataset64._shuffle_py(seed) twice on 10 rows, read with _next_py,
        // seed = RandomState(0).randint(0, 2**31 - 1) = 209652396 (SGDRegressor(random_state=0)'s).
        var order = Enumerable.Range(0, 10).ToArray();

        XorShiftShuffle.Shuffle(order, 209652396);
        Assert.Equal([7, 8, 1, 0, 3, 2, 4, 9, 6, 5], order);
        XorShiftShuffle.Shuffle(order, 209652396);
        Assert.Equal([9, 6, 8, 7, 0, 1, 3, 5, 4, 2], order);
    }

    [Fact]
    public void The_shuffle_seed_is_the_first_draw_of_the_random_state()
    {
        Assert.Equal(209652396ul, new NumpyRandomState(0).Bounded(int.MaxValue - 1));
    }

    [Fact]
    public async Task Candidates_that_differ_only_in_l1_ratio_are_one_fit_per_fold()
    {
        var (rows, targets) = Line(60);
        var candidates = ParameterGrid.Expand(DefaultGrids.Create()[ModelRegistry.SgdRegressor]).ToArray();
        var work = new CountingWork();

        var choice = await GridSearch.SelectAsync(ModelRegistry.SgdRegressor, candidates, rows, targets, work, CancellationToken.None);

        Assert.Equal(16, candidates.Length);
        Assert.Equal(Enumerable.Repeat(4, GridSearch.Folds), work.CandidatesPerFold);
        // The four alpha x eta0 fits, each standing for its four l1_ratio values; ties go to the first.
        Assert.Equal("0.5", choice.Parameters.Values["l1_ratio"]);
        var each = await GridSearch.SelectAsync(ModelRegistry.SgdRegressor, candidates.Where(c => c.Values["l1_ratio"] == "0.5").ToArray(), rows, targets, InlineFitWork.Instance, CancellationToken.None);
        Assert.Equal(each.Score, choice.Score);
        Assert.Equal(each.Parameters.ToString(), choice.Parameters.ToString());
    }

    [Fact]
    public void Only_parameters_a_model_does_not_use_leave_its_fit_the_same()
    {
        ModelParameters Candidate(string alpha, string l1Ratio) => new(new Dictionary<string, string> { ["alpha"] = alpha, ["l1_ratio"] = l1Ratio });

        Assert.Equal(ModelRegistry.FitIdentity(ModelRegistry.SgdRegressor, Candidate("0.001", "0.5")), ModelRegistry.FitIdentity(ModelRegistry.SgdRegressor, Candidate("0.001", "1")));
        Assert.NotEqual(ModelRegistry.FitIdentity(ModelRegistry.SgdRegressor, Candidate("0.001", "0.5")), ModelRegistry.FitIdentity(ModelRegistry.SgdRegressor, Candidate("0.0001", "0.5")));
        Assert.NotEqual(ModelRegistry.FitIdentity(ModelRegistry.ElasticNet, Candidate("0.001", "0.5")), ModelRegistry.FitIdentity(ModelRegistry.ElasticNet, Candidate("0.001", "1")));
    }

    [Fact]
    public void An_l1_ratio_outside_0_to_1_is_refused_as_scikit_learn_does()
    {
        var problems = GridCheck.Problems(ModelRegistry.SgdRegressor, new Dictionary<string, string[]> { ["l1_ratio"] = ["1.5"] }).ToArray();

        Assert.Contains("l1_ratio", Assert.Single(problems), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fit_that_overflows_stops_and_predicts_nan()
    {
        // scikit-learn raises "Floating-point under-/overflow occurred at epoch #1" on these rows.
        var (rows, targets) = Line(40);
        var sgd = new SgdRegression(alpha: 0, eta0: 1e150);

        sgd.Fit([.. rows.Select(row => row.Select(value => value * 1e150).ToArray())], targets);

        Assert.All(sgd.Predict(rows), prediction => Assert.True(double.IsNaN(prediction)));
    }

    [Fact]
    public void A_cancelled_fit_stops_with_its_token()
    {
        var (rows, targets) = Line(40);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => new SgdRegression().Fit(rows, targets, cancelled.Token));
    }

    private static (double[][] Rows, double[] Targets) Line(int n)
    {
        var rows = Enumerable.Range(0, n).Select(i => new[] { i / (double)n, Math.Sin(i) }).ToArray();
        return (rows, [.. rows.Select(row => 3 * row[0] - 2 * row[1] + 1)]);
    }

    /// <summary>Runs every step inline and records how many candidates each fold was asked to fit.</summary>
    private sealed class CountingWork : IFitWork
    {
        private readonly List<int> _candidatesPerFold = [];

        public IReadOnlyList<int> CandidatesPerFold => _candidatesPerFold;

        public Task<double[]> ScoreAsync(FoldFits fits, CancellationToken cancellationToken)
        {
            _candidatesPerFold.Add(fits.Candidates.Count);
            return InlineFitWork.Instance.ScoreAsync(fits, cancellationToken);
        }

        public Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken) => InlineFitWork.Instance.RunAsync(step, cancellationToken);
    }
}
