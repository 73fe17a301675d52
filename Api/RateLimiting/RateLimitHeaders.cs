using System.Globalization;
using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Writes the limit state of a decision as IETF <c>RateLimit-Policy</c>/<c>RateLimit</c> fields and
/// flask-limiter's <c>X-RateLimit-*</c> headers, plus <c>Retry-After</c> when denied.
/// </summary>
public static class RateLimitHeaders
{
    /// <summary>Header names a browser client may read (for CORS <c>Access-Control-Expose-Headers</c>).</summary>
    public static readonly string[] Exposed =
        ["RateLimit-Policy", "RateLimit", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "Retry-After"];

    public static void Write(IHeaderDictionary headers, RateDecision decision)
    {
        if (decision.Usages.IsEmpty)
        {
            return;
        }

        headers["RateLimit-Policy"] = string.Join(", ", decision.Usages.Select(usage =>
            $"\"{usage.Rule.Name}\";q={usage.Rule.Permits};w={RateDecision.WholeSeconds(usage.Rule.Window)}"));

        var binding = MostRestrictive(decision);
        var resetAt = decision.Allowed ? binding.ResetAt : decision.Now + decision.RetryAfter;
        headers["RateLimit"] = $"\"{binding.Rule.Name}\";r={binding.Remaining};t={RateDecision.WholeSeconds(resetAt - decision.Now)}";
        headers["X-RateLimit-Limit"] = binding.Rule.Permits.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = binding.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = RateDecision.WholeSeconds(resetAt - DateTimeOffset.UnixEpoch).ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            headers.RetryAfter = decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The rule that binds: when denied, the one forcing the longest wait; otherwise the one with
    /// the fewest permits left (ties: the later reset).
    /// </summary>
    public static RateLimitUsage MostRestrictive(RateDecision decision)
    {
        // Plain scans: this runs on every limited request, over a handful of rules.
        if (decision.Violated is { } violated)
        {
            foreach (var usage in decision.Usages)
            {
                if (usage.Rule == violated)
                {
                    return usage;
                }
            }
        }

        var binding = decision.Usages[0];
        foreach (var usage in decision.Usages)
        {
            if (usage.Remaining < binding.Remaining || (usage.Remaining == binding.Remaining && usage.ResetAt > binding.ResetAt))
            {
                binding = usage;
            }
        }

        return binding;
    }
}
