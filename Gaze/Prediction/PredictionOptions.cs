namespace Gaze.Prediction;

/// <summary>Batch-prediction settings (configuration section <c>Prediction</c>).</summary>
public sealed class PredictionOptions
{
    public const string SectionName = "Prediction";

    /// <summary>
    /// Fitted mappings kept per node. Fitted on a 9 x 90 calibration, one takes under 15 KB for the
    /// linear models and SVR and about 0.4 MB for the random forest (2 × 200 trees, growing with
    /// the calibration's rows), so the default stays near 25 MB even if every entry is a forest.
    /// </summary>
    public int CacheEntries { get; set; } = 64;

    /// <summary>
    /// Longest a batch may take (answered 503 after). Fitting SVR or the random forest on a large
    /// calibration is what can take long: about 15 s at 20,000 rows and 80 s at 50,000 on one core.
    /// </summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A mapping no batch has used for this long is dropped.</summary>
    public TimeSpan CacheIdleTime { get; set; } = TimeSpan.FromMinutes(30);
}
