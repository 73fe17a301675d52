namespace Gaze.Grains.Prediction;

/// <summary>Batch-prediction settings (configuration section <c>Prediction</c>).</summary>
public sealed class PredictionOptions
{
    public const string SectionName = "Prediction";

    /// <summary>
    /// Fitted mappings kept per node. One is a few kilobytes for the linear models and up to a few
    /// megabytes for the random forest (2 × 200 trees), so the default bounds the cache near 200 MB
    /// in the worst case.
    /// </summary>
    public int CacheEntries { get; set; } = 64;

    /// <summary>A mapping no batch has used for this long is dropped.</summary>
    public TimeSpan CacheIdleTime { get; set; } = TimeSpan.FromMinutes(30);
}
