using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// A policy as this node applies it: the rules it sends to the client's grain, its place in the
/// node's <see cref="RateDenialCache"/>, and the response text that is the same on every response
/// of the policy, built once here rather than per request.
/// </summary>
public sealed class LimitedPolicy
{
    public LimitedPolicy(RatePolicy policy, int slot)
    {
        Policy = policy;
        Slot = slot;
        PolicyField = string.Join(", ", policy.Rules.Select(rule =>
            $"\"{rule.Name}\";q={rule.Permits};w={RateDecision.WholeSeconds(rule.Window)}"));
    }

    public RatePolicy Policy { get; }

    public string Name => Policy.Name;

    /// <summary>Index of this policy among the catalog's policies, 0 to count - 1.</summary>
    public int Slot { get; }

    /// <summary>The <c>RateLimit-Policy</c> field: every rule with its quota and window.</summary>
    public string PolicyField { get; }
}
