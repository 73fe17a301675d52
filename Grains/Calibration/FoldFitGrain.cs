using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Grains.Telemetry;
using Gaze.Models;
using Gaze.Selection;
using Orleans.Placement;

namespace Gaze.Grains.Calibration;

/// <summary>
/// Grid-search fits of one fold on this silo's ML threads: the fold's feature steps once, then
/// each candidate as its own work item, so the candidates run on every ML thread of the silo (at
/// most <c>Ml:Threads</c> at once; fits of concurrent calibrations queue there, in their
/// calibration's lane, instead of crowding the cores).
/// </summary>
/// <remarks>
/// Not a stateless worker: Orleans activates those on the caller's silo only, which would keep a
/// calibration on one node. Each request is a fresh key placed at random, so the folds of a
/// calibration spread over the silos; the activation is dropped once its fits are answered.
/// </remarks>
[RandomPlacement]
public sealed class FoldFitGrain(MlThreads mlThreads, MlMetrics metrics) : Grain, IFoldFitGrain
{
    public async Task<double[]> ScoreAsync(FoldFitRequest fits, CancellationToken cancellationToken = default)
    {
        try
        {
            var foldFits = new FoldFits(
                fits.Model,
                [.. fits.Candidates.Select(candidate => new ModelParameters(candidate))],
                fits.TrainRows,
                fits.TrainTargets,
                fits.TestRows,
                fits.TestTargets);
            var lane = fits.CalibrationRun;
            var prepared = await mlThreads.RunAsync(foldFits.Prepare, lane, cancellationToken);
            var scores = await Task.WhenAll(foldFits.Candidates.Select(candidate =>
                mlThreads.RunAsync(() => prepared.Score(candidate, cancellationToken), lane, cancellationToken)));
            metrics.FoldFitted(fits.Model, scores.Length);
            return scores;
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
