namespace Gaze.Prediction;

/// <summary>The two batch-prediction pipelines of ALGORITHMS.md.</summary>
public enum GazeMappingKind
{
    /// <summary>Section 3: a stored calibration; engineered five-feature x model, tanh on both axes.</summary>
    StoredCalibration,

    /// <summary>
    /// Section 4: calibration rows sent with the request; outlier filter, two x features, x re-centred
    /// on each batch and clipped instead of squashed.
    /// </summary>
    Stateless,
}
