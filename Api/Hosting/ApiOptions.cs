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

    /// <summary>Origins allowed by CORS; <c>*</c> (the default) echoes any origin.</summary>
    public string[] AllowedOrigins { get; set; } = ["*"];
}
