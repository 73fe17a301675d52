namespace Gaze.Prediction;

/// <summary>The two batch-prediction pipelines of docs/algorithms.md.</summary>
public enum GazeMappingKind
{
    /// <summary>docs/algorithms.md section 3: a stored calibration; engineered five-feature x model, tanh on both axes.</summary>
    StoredCalibration,

    /// <summary>
    /// docs/algorithms.md section 4: calibration rows sent with the request; outlier filter, two x features, x re-centred
    /// on each batch and clipped instead of squashed.
    /// </summary>
    Stateless,
}
