using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Interfaces;

/// <summary>
/// Runs one fit of a grid search where it is placed, so the fits of one calibration spread over
/// every silo of the cluster. Call it with a fresh key per fit.
/// </summary>
public interface IFoldFitGrain : IGrainWithGuidKey
{
    /// <summary>The R² of the candidate on its fold. Stops early when cancelled.</summary>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<double> ScoreAsync(FoldFitRequest fit, CancellationToken cancellationToken = default);
}
