using Gaze.Grains.Hosting.Settings;

namespace Gaze.Api.Calibration;

/// <summary>
/// Checks the <c>Webhook</c> section, including the bounds the HTTP resilience handler enforces
/// only when it first sends (at least one retry, a total timeout above one attempt's).
/// </summary>
public sealed class WebhookOptionsValidator() : SettingsValidator<WebhookOptions>(WebhookOptions.SectionName)
{
    // The resilience handler's own bounds on timeouts and delays.
    private static readonly TimeSpan MinimumTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    protected override void Check(WebhookOptions options, SettingErrors errors)
    {
        errors.Require(string.IsNullOrWhiteSpace(options.BaseUrl) || IsHttpUrl(options.BaseUrl), nameof(options.BaseUrl),
            $"'{options.BaseUrl}' is not an absolute http or https URL (set by {WebhookOptions.FunctionsEndpointUrlKey} or Webhook:BaseUrl)");
        errors.Require(options.AttemptTimeout >= MinimumTimeout && options.AttemptTimeout <= Day, nameof(options.AttemptTimeout),
            $"must be between {MinimumTimeout} and {Day}, not {options.AttemptTimeout}");
        errors.Require(options.MaxRetries >= 1, nameof(options.MaxRetries), $"must be at least 1, not {options.MaxRetries}");
        errors.Require(options.RetryDelay >= TimeSpan.Zero && options.RetryDelay <= Day, nameof(options.RetryDelay),
            $"must be between 0 and {Day}, not {options.RetryDelay}");
        errors.Require(options.TotalTimeout > options.AttemptTimeout && options.TotalTimeout <= Day, nameof(options.TotalTimeout),
            $"must be longer than Webhook:AttemptTimeout ({options.AttemptTimeout}) and at most {Day}, not {options.TotalTimeout}");
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
