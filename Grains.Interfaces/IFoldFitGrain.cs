using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Interfaces;

/// <summary>
/// Runs grid-search fits of one fold where it is placed, so the fits of one calibration spread
/// over every silo of the cluster. Call it with a fresh key per request.
/// </summary>
public interface IFoldFitGrain : IGrainWithGuidKey
{
    /// <summary>The R² of each candidate on the fold, in candidate order. Stops early when cancelled.</summary>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<double[]> ScoreAsync(FoldFitRequest fits, CancellationToken cancellationToken = default);
}
