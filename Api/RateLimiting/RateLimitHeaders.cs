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

    /// <summary>The fields of a grain's decision, admitted or denied.</summary>
    public static void Write(IHeaderDictionary headers, LimitedPolicy policy, RateDecision decision)
    {
        if (decision.Usages.IsEmpty)
        {
            return;
        }

        if (!decision.Allowed)
        {
            WriteDenied(headers, policy, RateLimitDenial.From(decision));
            return;
        }

        var binding = MostRestrictive(decision);
        var resetAfter = binding.ResetAt - decision.Now;
        headers["RateLimit-Policy"] = policy.PolicyField;
        WriteQuota(headers, binding.Rule, binding.Remaining, resetAfter, decision.Now);
    }

    /// <summary>
    /// The fields of a denial: the violated rule binds, has no permit left, and frees one when the
    /// client may retry.
    /// </summary>
    public static void WriteDenied(IHeaderDictionary headers, LimitedPolicy policy, RateLimitDenial denial)
    {
        headers["RateLimit-Policy"] = policy.PolicyField;
        WriteQuota(headers, denial.Violated, remaining: 0, denial.RetryAfter, denial.Now);
        headers.RetryAfter = denial.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteQuota(IHeaderDictionary headers, RateLimitRule rule, int remaining, TimeSpan resetAfter, DateTimeOffset now)
    {
        var remainingText = remaining.ToString(CultureInfo.InvariantCulture);
        headers["RateLimit"] = $"\"{rule.Name}\";r={remainingText};t={RateDecision.WholeSeconds(resetAfter)}";
        headers["X-RateLimit-Limit"] = rule.Permits.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = remainingText;
        headers["X-RateLimit-Reset"] = RateDecision.WholeSeconds(now + resetAfter - DateTimeOffset.UnixEpoch).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The rule that binds an admitted request: the one with the fewest permits left (ties: the later
    /// reset). A denied request is bound by its violated rule.
    /// </summary>
    public static RateLimitUsage MostRestrictive(RateDecision decision)
    {
        // A plain scan: this runs on every admitted request, over a handful of rules.
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
