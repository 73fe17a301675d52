namespace Gaze.Grains.RateLimiting;

/// <summary>Window arithmetic of one strategy over a <see cref="RateWindow"/>. All times are UTC ticks.</summary>
internal interface IWindowCounter
{
    /// <summary>Admissions in the window that contains <paramref name="now"/>.</summary>
    int Count(RateWindow window, long now);

    /// <summary>
    /// When the window will hold fewer than <paramref name="permits"/> admissions again: the earliest
    /// time a request is admitted, if nothing else is admitted meanwhile.
    /// </summary>
    long AdmitsAgainAt(RateWindow window, int permits, long now);

    /// <summary>When the window frees its next permit (moving) or restarts (fixed).</summary>
    long ResetAt(RateWindow window, long now);

    /// <summary>Records one admission at <paramref name="now"/>.</summary>
    void Add(RateWindow window, long now);

    /// <summary>
    /// Takes back one admission recorded at <paramref name="admittedAt"/> if the window still holds
    /// it at <paramref name="now"/>; true if it did.
    /// </summary>
    bool Remove(RateWindow window, long admittedAt, long now);

    /// <summary>Drops what lies outside the window; true if the window is now empty.</summary>
    bool Prune(RateWindow window, long now);
}

/// <summary>
/// Exact sliding log: a request at t is admitted when fewer than N admissions lie in (t - W, t].
/// Memory is one timestamp per admission still in the window, bounded by N.
/// </summary>
internal sealed class MovingWindowCounter : IWindowCounter
{
    public static readonly MovingWindowCounter Instance = new();

    public int Count(RateWindow window, long now) => window.Hits.Count - FirstLive(window, now);

    // With c live hits and N permits, the (c - N + 1)-th oldest live hit must leave the window.
    public long AdmitsAgainAt(RateWindow window, int permits, long now)
    {
        var first = FirstLive(window, now);
        var live = window.Hits.Count - first;
        return live < permits ? now : window.Hits[first + live - permits] + window.WindowTicks;
    }

    public long ResetAt(RateWindow window, long now)
    {
        var first = FirstLive(window, now);
        return (first < window.Hits.Count ? window.Hits[first] : now) + window.WindowTicks;
    }

    public void Add(RateWindow window, long now) => window.Hits.Add(now);

    public bool Remove(RateWindow window, long admittedAt, long now)
    {
        var index = window.Hits.BinarySearch(admittedAt);
        if (index < FirstLive(window, now))
        {
            return false;
        }

        window.Hits.RemoveAt(index);
        return true;
    }

    public bool Prune(RateWindow window, long now)
    {
        window.Hits.RemoveRange(0, FirstLive(window, now));
        return window.Hits.Count == 0;
    }

    // Hits at or before now - W have left the window (the window is half-open at its old end).
    private static int FirstLive(RateWindow window, long now)
    {
        var expiredUpTo = now - window.WindowTicks;
        var index = window.Hits.BinarySearch(expiredUpTo);
        if (index < 0)
        {
            return ~index;
        }

        // Skip every hit equal to the boundary.
        while (index < window.Hits.Count && window.Hits[index] <= expiredUpTo)
        {
            index++;
        }

        return index;
    }
}

/// <summary>
/// flask-limiter's fixed window: a window of length W opens at the first admission after the
/// previous one ended, and at most N admissions fit in it.
/// </summary>
internal sealed class FixedWindowCounter : IWindowCounter
{
    public static readonly FixedWindowCounter Instance = new();

    public int Count(RateWindow window, long now) => IsOpen(window, now) ? window.FixedCount : 0;

    public long AdmitsAgainAt(RateWindow window, int permits, long now) =>
        Count(window, now) < permits ? now : window.FixedStartTicks + window.WindowTicks;

    public long ResetAt(RateWindow window, long now) =>
        (IsOpen(window, now) ? window.FixedStartTicks : now) + window.WindowTicks;

    public void Add(RateWindow window, long now)
    {
        if (!IsOpen(window, now))
        {
            window.FixedStartTicks = now;
            window.FixedCount = 0;
        }

        window.FixedCount++;
    }

    // An admission made before the open window started was counted in a window that has ended.
    // Taking back the only one closes the window, as if it had never opened.
    public bool Remove(RateWindow window, long admittedAt, long now)
    {
        if (!IsOpen(window, now) || admittedAt < window.FixedStartTicks)
        {
            return false;
        }

        window.FixedCount--;
        return true;
    }

    public bool Prune(RateWindow window, long now) => !IsOpen(window, now);

    private static bool IsOpen(RateWindow window, long now) =>
        window.FixedCount > 0 && now < window.FixedStartTicks + window.WindowTicks;
}
