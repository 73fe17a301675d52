namespace Gaze.Grains.Interfaces.RateLimiting;

/// <summary>State of one rule after a decision.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Remaining">Admissions still available in the current window.</param>
/// <param name="ResetAt">When the window frees its next permit (moving) or restarts (fixed).</param>
[GenerateSerializer, Immutable, Alias("Gaze.RateLimitUsage")]
public sealed record RateLimitUsage(
    [property: Id(0)] RateLimitRule Rule,
    [property: Id(1)] int Remaining,
    [property: Id(2)] DateTimeOffset ResetAt);
