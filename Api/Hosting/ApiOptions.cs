namespace Gaze.Api.Hosting;

/// <summary>HTTP front-end settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest accepted request body and form field; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>ML requests (calibration, batch prediction) this node runs at once; default: one per core.</summary>
    public int MlConcurrency { get; set; } = Environment.ProcessorCount;

    /// <summary>ML requests that may wait for a slot; more are refused with 503.</summary>
    public int MlQueueLimit { get; set; } = 4 * Environment.ProcessorCount;

    /// <summary>
    /// Origins allowed by CORS; <c>*</c> or none (the default) echoes any origin. Empty by default
    /// rather than <c>["*"]</c>: the binder appends configured entries to a filled array, which would
    /// keep allowing every origin next to the configured ones.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Whether every origin is allowed (<see cref="AllowedOrigins"/> empty or containing <c>*</c>).</summary>
    public bool AllowsAnyOrigin => AllowedOrigins.Length == 0 || AllowedOrigins.Contains("*");
}
