using System.Collections.Immutable;
using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Tests.RateLimiting;

/// <summary>Builds rate policies for tests without going through configuration.</summary>
internal static class Policies
{
    public static RateLimitRule Rule(string name, int permits, TimeSpan window, string? bucket = null) =>
        new(name, bucket ?? $"{name}:{window.TotalSeconds}s", permits, window, $"{permits} per {window}");

    public static RatePolicy Of(string name, RateStrategy strategy, params RateLimitRule[] rules) =>
        new(name, [.. rules], strategy);

    public static RatePolicy Moving(int permits, TimeSpan window) =>
        Of("p", RateStrategy.MovingWindow, Rule("p", permits, window));

    public static RatePolicy Fixed(int permits, TimeSpan window) =>
        Of("p", RateStrategy.FixedWindow, Rule("p", permits, window));
}
