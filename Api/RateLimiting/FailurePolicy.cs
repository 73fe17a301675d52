namespace Gaze.Api.RateLimiting;

/// <summary>What to do when the limiter cannot decide: admit (<c>open</c>) or refuse with 503 (<c>closed</c>).</summary>
public static class FailurePolicy
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static bool IsClosed(string value) => value.ToLowerInvariant() switch
    {
        Open => false,
        Closed => true,
        _ => throw new FormatException($"Setting {RateLimitingOptions.SectionName}:FailurePolicy: '{value}' must be 'open' or 'closed'."),
    };
}
