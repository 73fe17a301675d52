namespace Gaze.Tests.Cluster;

/// <summary>Settings every cluster test starts its processes with.</summary>
public static class ClusterSettings
{
    /// <summary>The calibration limit the exactness tests count against: short, so several windows fit in a test.</summary>
    public const int Permits = 10;

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A short calibration window and no shared defaults (so repeated windows never meet the hourly
    /// cap). The failure policy is closed with a long timeout, so a limiter that cannot decide shows
    /// as a 503 instead of silently admitting, and a busy machine is not mistaken for a failure.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RateLimits => new Dictionary<string, string>
    {
        ["RateLimiting:Endpoints:calib"] = $"{Permits} per {Window.TotalSeconds} seconds",
        ["RateLimiting:DefaultLimits"] = "",
        ["RateLimiting:FailurePolicy"] = "closed",
        ["RateLimiting:DecisionTimeout"] = "00:00:10",
    };
}
