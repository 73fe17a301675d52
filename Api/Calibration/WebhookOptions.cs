namespace Gaze.Api.Calibration;

/// <summary>The RUXAILAB calibration webhook (configuration section <c>Webhook</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhook";

    /// <summary>
    /// The reference service's setting for the base URL (usually an environment variable; any
    /// configuration source works). It wins over <see cref="BaseUrl"/>.
    /// </summary>
    public const string FunctionsEndpointUrlKey = "FUNCTIONS_ENDPOINT_URL";

    /// <summary>Base URL; the calibration is posted to <c>{BaseUrl}/receiveCalibration</c>. Empty: the webhook is skipped.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Timeout of one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries after a failed attempt (transient HTTP errors, timeouts).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base delay before a retry (grows exponentially, with jitter).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Bound on all attempts together, so a dead receiver cannot hold a calibration response for long.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
