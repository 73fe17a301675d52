using Gaze.Grains.Interfaces.Prediction;

namespace Gaze.Grains.Interfaces;

/// <summary>
/// CPU-bound batch prediction. A stateless worker, so each node runs at most one per core;
/// call it with key 0.
/// </summary>
public interface IPredictionGrain : IGrainWithIntegerKey
{
    /// <summary>Maps a session batch with a stored calibration (docs/algorithms.md section 3).</summary>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<PredictionResult> PredictAsync(StoredPredictionRequest request, CancellationToken cancellationToken = default);

    /// <summary>Maps a session batch with calibration rows sent alongside it, and scores them (docs/algorithms.md section 4).</summary>
    [ResponseTimeout(MlCallTimeout.Text)]
    Task<PredictionResult> PredictStatelessAsync(StatelessPredictionRequest request, CancellationToken cancellationToken = default);
}
