using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Grains.RateLimiting;

/// <summary>Persisted window counters of one client, by bucket.</summary>
[GenerateSerializer, Alias("Gaze.RateState")]
public sealed class RateState
{
    [Id(0)] public Dictionary<string, RateWindow> Windows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Latest clock reading seen (UTC ticks); keeps time monotonic if a clock steps back.</summary>
    [Id(1)] public long LastSeenTicks { get; set; }
}

/// <summary>The counter of one bucket.</summary>
[GenerateSerializer, Alias("Gaze.RateWindow")]
public sealed class RateWindow
{
    /// <summary>Window length (ticks) this counter was kept for, so it can expire without its rule.</summary>
    [Id(0)] public long WindowTicks { get; set; }

    /// <summary>Moving window: admission times (UTC ticks), ascending.</summary>
    [Id(1)] public List<long> Hits { get; set; } = [];

    /// <summary>Fixed window: start of the current window (UTC ticks).</summary>
    [Id(2)] public long FixedStartTicks { get; set; }

    /// <summary>Fixed window: admissions in the current window.</summary>
    [Id(3)] public int FixedCount { get; set; }

    /// <summary>How this counter counts; fixed when the window is created.</summary>
    [Id(4)] public RateStrategy Strategy { get; set; }
}
