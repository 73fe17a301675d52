namespace Gaze.Calibration;

/// <summary>
/// What a calibration costs before it runs (<see cref="Calibrator.CostOf"/>): the CPU seconds of
/// its grid-search fits, which can all run at once, and of its two refits, which run after them.
/// </summary>
/// <param name="SearchSeconds">CPU seconds of every grid-search fit of both axes.</param>
/// <param name="SearchFits">How many grid-search fits there are (at most this many run at once).</param>
/// <param name="RefitSeconds">CPU seconds of the two final fits (one per axis, at once).</param>
public sealed record CalibrationCost(double SearchSeconds, int SearchFits, double RefitSeconds)
{
    /// <summary>The time it takes with <paramref name="threads"/> ML threads to itself (fractions for a share of threads).</summary>
    public TimeSpan Duration(double threads)
    {
        var usable = Math.Max(threads, 1e-3);
        var search = SearchFits == 0 ? 0 : SearchSeconds / Math.Min(usable, SearchFits);
        return TimeSpan.FromSeconds(search + (RefitSeconds / Math.Min(usable, 2)));
    }
}
