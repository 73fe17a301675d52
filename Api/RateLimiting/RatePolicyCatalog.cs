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
    private readonly Dictionary<string, RatePolicy> _policies = new(StringComparer.OrdinalIgnoreCase);

    public RatePolicyCatalog(IOptions<RateLimitingOptions> options)
    {
        var settings = options.Value;
        Strategy = settings.Strategy;
        StrategyName = SettingEnumConverter<RateStrategy>.Spelling(Strategy);
        var defaults = BuildRules(RatePolicyNames.Default, settings.DefaultLimits, $"{RateLimitingOptions.SectionName}:DefaultLimits", shared: true);
        _policies[RatePolicyNames.Default] = new RatePolicy(RatePolicyNames.Default, defaults, Strategy);
        foreach (var (name, limits) in settings.Endpoints)
        {
            var own = BuildRules(name, limits, $"{RateLimitingOptions.SectionName}:Endpoints:{name}", shared: false);
            _policies[name] = new RatePolicy(name, own.AddRange(defaults), Strategy);
        }
    }

    public RateStrategy Strategy { get; }

    /// <summary>The strategy as written in configuration, e.g. <c>moving-window</c>.</summary>
    public string StrategyName { get; }

    /// <summary>Every policy, the default one first.</summary>
    public IEnumerable<RatePolicy> All => _policies.Values;

    /// <summary>The policy of that name; an endpoint naming an unconfigured policy gets the default limits.</summary>
    public RatePolicy Get(string name) =>
        _policies.TryGetValue(name, out var policy) ? policy : _policies[RatePolicyNames.Default];

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
