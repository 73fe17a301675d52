using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.RateLimiting;

/// <summary>All rules one request must pass, checked and consumed together.</summary>
/// <param name="Name">Policy name, e.g. <c>calib</c>, <c>batch</c> or <c>default</c>.</param>
/// <param name="Rules">The endpoint's own rules followed by the shared default rules.</param>
/// <param name="Strategy">Window strategy applied to every rule.</param>
[GenerateSerializer, Immutable, Alias("Gaze.RatePolicy")]
public sealed record RatePolicy(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<RateLimitRule> Rules,
    [property: Id(2)] RateStrategy Strategy);
