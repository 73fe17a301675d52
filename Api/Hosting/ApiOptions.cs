namespace Gaze.Api.Hosting;

/// <summary>HTTP front-end settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>Largest accepted request body and form field; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// Longest time a client may take to send a request body (from the first read to its end), so a
    /// client trickling a body just above the server's minimum data rate cannot hold the connection
    /// for minutes. Bodies are received before an ML slot is taken, so a slow body delays only itself.
    /// Over it the answer is 408 and the connection is closed.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; set; } = TimeSpan.FromSeconds(30);

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
