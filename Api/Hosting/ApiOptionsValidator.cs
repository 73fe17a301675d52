using Gaze.Grains.Hosting.Settings;

namespace Gaze.Api.Hosting;

/// <summary>Checks the <c>Api</c> section.</summary>
public sealed class ApiOptionsValidator() : SettingsValidator<ApiOptions>(ApiOptions.SectionName)
{
    protected override void Check(ApiOptions options, SettingErrors errors)
    {
        errors.Require(options.MaxRequestBodyBytes >= 1, nameof(options.MaxRequestBodyBytes), $"must be at least 1 byte, not {options.MaxRequestBodyBytes}");
        errors.RequirePositive(options.BodyReadTimeout, nameof(options.BodyReadTimeout));
        errors.Require(options.MlConcurrency >= 1, nameof(options.MlConcurrency), $"must be at least 1, not {options.MlConcurrency}");
        errors.Require(options.MlQueueLimit >= 0, nameof(options.MlQueueLimit), $"must be 0 or more, not {options.MlQueueLimit}");
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            var origin = options.AllowedOrigins[i];
            errors.Require(origin == "*" || IsOrigin(origin), $"{nameof(options.AllowedOrigins)}:{i}",
                $"'{origin}' is not an origin; expected '*' or a scheme and host such as 'https://lab.example.org'");
        }
    }

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !text.EndsWith('/');
}
