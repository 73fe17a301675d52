using Gaze.Models;
using Gaze.Sampling;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

/// <summary>
/// A fold prepared once for all its candidates (feature steps applied once, the estimators sharing
/// the centred design, Gram matrix or SVD) scores every candidate exactly as a whole pipeline
/// fitted on its own does, also when the candidates are scored at once on several threads.
/// </summary>
public sealed class SharedFoldPreparationTests
{
    public static TheoryData<string> GridModels() => [.. ModelRegistry.Names.Where(model => model != ModelRegistry.LinearRegression)];

    [Theory]
    [MemberData(nameof(GridModels))]
    public async Task Every_candidate_scores_as_its_own_pipeline_does(string model)
    {
        var samples = CalibrationGoldens.Samples("sim_4x30");
        double[][] rows = [.. samples.Select(s => new[] { s.LeftX, s.RightX })];
        double[] targets = [.. samples.Select(s => s.PointX)];
        var (train, test) = KFold.Split(rows.Length)[2];
        var fits = new FoldFits(
            model,
            ParameterGrid.Expand(DefaultGrids.Create()[model]),
            [.. train.Select(i => rows[i])],
            [.. train.Select(i => targets[i])],
            [.. test.Select(i => rows[i])],
            [.. test.Select(i => targets[i])]);

        var prepared = fits.Prepare();
        var shared = await Task.WhenAll(fits.Candidates.Select(candidate => Task.Run(() => prepared.Score(candidate, CancellationToken.None))))
            .WaitAsync(TimeSpan.FromMinutes(2));

        var alone = fits.Candidates.Select(candidate =>
        {
            var pipeline = ModelRegistry.Create(model, candidate);
            pipeline.Fit(fits.TrainRows, fits.TrainTargets);
            return RSquared.Score(fits.TestTargets, pipeline.Predict(fits.TestRows));
        });
        Assert.Equal(alone, shared);
    }
}
