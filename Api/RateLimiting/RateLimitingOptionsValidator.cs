using Gaze.Api.Hosting;
using Gaze.Grains.Hosting.Settings;

namespace Gaze.Api.RateLimiting;

/// <summary>Checks the <c>RateLimiting</c> section: limit strings, strategy, failure policy, proxies, timeout, denial cache and delay, prefix.</summary>
public sealed class RateLimitingOptionsValidator() : SettingsValidator<RateLimitingOptions>(RateLimitingOptions.SectionName)
{
    protected override void Check(RateLimitingOptions options, SettingErrors errors)
    {
        CheckLimits(options.DefaultLimits, nameof(options.DefaultLimits), errors);
        foreach (var (policy, limits) in options.Endpoints)
        {
            CheckLimits(limits, $"{nameof(options.Endpoints)}:{policy}", errors);
        }

        // Strategy and FailurePolicy need no check here: their converter refuses anything but a member.
        errors.RequirePositive(options.DecisionTimeout, nameof(options.DecisionTimeout));
        errors.Require(options.RepeatDenialDelay >= TimeSpan.Zero && options.RepeatDenialDelay <= TimeSpan.FromSeconds(10), nameof(options.RepeatDenialDelay), $"must be 0 to 10 seconds, not {options.RepeatDenialDelay}");
        errors.Require(options.RepeatDenialsAtOnce is >= 0 and <= 1000, nameof(options.RepeatDenialsAtOnce), $"must be 0 to 1000 a second, not {options.RepeatDenialsAtOnce}");
        errors.Require(options.DenialCacheEntries >= 0, nameof(options.DenialCacheEntries), $"must be 0 (off) or more, not {options.DenialCacheEntries}");
        errors.Require(options.Ipv6PrefixLength is >= 1 and <= 128, nameof(options.Ipv6PrefixLength), $"must be 1-128, not {options.Ipv6PrefixLength}");
        for (var i = 0; i < options.TrustedProxies.Length; i++)
        {
            errors.Require(TrustedProxies.TryParse(options.TrustedProxies[i], out _), $"{nameof(options.TrustedProxies)}:{i}",
                $"'{options.TrustedProxies[i]}' is neither an IP address nor a CIDR network");
        }
    }

    private void CheckLimits(string? text, string key, SettingErrors errors)
    {
        try
        {
            _ = LimitStringParser.Parse(text, $"{Section}:{key}");
        }
        catch (FormatException malformed)
        {
            errors.AddMessage(malformed.Message);
        }
    }
}
