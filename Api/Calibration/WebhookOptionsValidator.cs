using Gaze.Grains.Hosting.Settings;

namespace Gaze.Api.Calibration;

/// <summary>
/// Checks the <c>Webhook</c> section, including the bounds the HTTP resilience handler enforces
/// only when it first sends (at least one retry, a total timeout above one attempt's).
/// </summary>
public sealed class WebhookOptionsValidator() : SettingsValidator<WebhookOptions>(WebhookOptions.SectionName)
{
    protected override void Check(WebhookOptions options, SettingErrors errors)
    {
        errors.Require(string.IsNullOrWhiteSpace(options.BaseUrl) || IsHttpUrl(options.BaseUrl), nameof(options.BaseUrl),
            $"'{options.BaseUrl}' is not an absolute http or https URL (set by {WebhookOptions.EnvironmentVariable} or Webhook:BaseUrl)");
        errors.RequirePositive(options.AttemptTimeout, nameof(options.AttemptTimeout));
        errors.Require(options.MaxRetries is >= 1 and <= 10, nameof(options.MaxRetries), $"must be 1-10, not {options.MaxRetries}");
        errors.Require(options.RetryDelay >= TimeSpan.Zero, nameof(options.RetryDelay), $"must not be negative, not {options.RetryDelay}");
        errors.Require(options.TotalTimeout > options.AttemptTimeout, nameof(options.TotalTimeout),
            $"must be longer than Webhook:AttemptTimeout ({options.AttemptTimeout}), not {options.TotalTimeout}");
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}
