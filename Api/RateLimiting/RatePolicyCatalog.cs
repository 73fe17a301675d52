using System.Collections.Immutable;
using Gaze.Grains.Interfaces.Configuration;
using Gaze.Grains.Interfaces.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// The policies built once from <see cref="RateLimitingOptions"/>: each endpoint policy is its own
/// rules followed by the shared default rules. The options were validated at start
/// (<see cref="RateLimitingOptionsValidator"/>), so building cannot meet a malformed limit.
/// </summary>
public sealed class RatePolicyCatalog
{
    private readonly Dictionary<string, LimitedPolicy> _policies = new(StringComparer.OrdinalIgnoreCase);

    public RatePolicyCatalog(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        Strategy = settings.Strategy;
        StrategyName = SettingEnumConverter<RateStrategy>.Spelling(Strategy);
        var defaults = BuildRules(RatePolicyNames.Default, settings.DefaultLimits, $"{RateLimitingOptions.SectionName}:DefaultLimits", shared: true);
        Add(new RatePolicy(RatePolicyNames.Default, defaults, Strategy));
        foreach (var (name, limits) in settings.Endpoints)
        {
            var own = BuildRules(name, limits, $"{RateLimitingOptions.SectionName}:Endpoints:{name}", shared: false);
            Add(new RatePolicy(name, own.AddRange(defaults), Strategy));
        }
    }

    public RateStrategy Strategy { get; }

    /// <summary>The strategy as written in configuration, e.g. <c>moving-window</c>.</summary>
    public string StrategyName { get; }

    /// <summary>Every policy, the default one first.</summary>
    public IEnumerable<RatePolicy> All => _policies.Values.Select(limited => limited.Policy);

    /// <summary>How many policies there are: the slots of <see cref="LimitedPolicy.Slot"/>.</summary>
    public int Count => _policies.Count;

    /// <summary>The policy of that name; an endpoint naming an unconfigured policy gets the default limits.</summary>
    public RatePolicy Get(string name) => Limited(name).Policy;

    /// <summary>As <see cref="Get"/>, with what the node needs to apply it.</summary>
    public LimitedPolicy Limited(string name) =>
        _policies.TryGetValue(name, out var policy) ? policy : _policies[RatePolicyNames.Default];

    // An endpoint policy named like the default one replaces it in its slot.
    private void Add(RatePolicy policy)
    {
        var slot = _policies.TryGetValue(policy.Name, out var replaced) ? replaced.Slot : _policies.Count;
        _policies[policy.Name] = new LimitedPolicy(policy, slot);
    }

    private ImmutableArray<RateLimitRule> BuildRules(string scope, string? text, string setting, bool shared)
    {
        var parsed = LimitStringParser.Parse(text, setting);
        var strategy = Strategy == RateStrategy.FixedWindow ? "fixed" : "moving";
        return [.. parsed.Select(limit => new RateLimitRule(
            RuleName(scope, limit, single: parsed.Count == 1, shared),
            $"{scope}:{(long)limit.Window.TotalSeconds}s:{strategy}",
            limit.Permits,
            limit.Window,
            limit.Text))];
    }

    // Header names: the policy name for an endpoint's single own limit ("calib"), otherwise the
    // window ("hour", "30-seconds"), prefixed by the policy for endpoint limits ("calib-hour").
    private static string RuleName(string scope, ParsedLimit limit, bool single, bool shared)
    {
        var window = limit.Multiples == 1 ? limit.Unit : $"{limit.Multiples}-{limit.Unit}s";
        return shared ? window : single ? scope : $"{scope}-{window}";
    }
}
