using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Grains.Telemetry;
using Gaze.Selection;
using Orleans.Placement;

namespace Gaze.Grains.Calibration;

/// <summary>
/// One fit of a grid search, on this silo's ML threads (at most <c>Ml:Threads</c> at once, so
/// fits of concurrent calibrations queue there instead of crowding the cores).
/// </summary>
/// <remarks>
/// Not a stateless worker: Orleans activates those on the caller's silo only, which would keep a
/// calibration on one node. Each fit is a fresh key placed at random, so the fits of a calibration
/// spread over the silos; the activation is dropped once its fit is answered.
/// </remarks>
[RandomPlacement]
public sealed class FoldFitGrain(MlThreads mlThreads, MlMetrics metrics) : Grain, IFoldFitGrain
{
    public async Task<double> ScoreAsync(FoldFitRequest fit, CancellationToken cancellationToken = default)
    {
        try
        {
            var foldFit = new FoldFit(fit.Model, new ModelParameters(fit.Parameters), fit.TrainRows, fit.TrainTargets, fit.TestRows, fit.TestTargets);
            var score = await mlThreads.RunAsync(() => foldFit.Score(cancellationToken), cancellationToken);
            metrics.FoldFitted(fit.Model);
            return score;
        }
        finally
        {
            DeactivateOnIdle();
        }
    }
}
