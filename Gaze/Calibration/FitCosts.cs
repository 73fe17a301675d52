using Gaze.Models;

namespace Gaze.Calibration;

/// <summary>
/// The ML-thread time one fit of a model takes, by training rows: a power curve per model, fitted
/// to the default grids' calibrations of the simulated 9 x 90 rows, of twice as many and of 4 x 30,
/// single-threaded on the 2-core reference machine (docs/benchmarks.md, "What a calibration will
/// cost"); the service's ML threads run fits at that speed each.
/// </summary>
/// <remarks>
/// An estimate, not a bound: SVR's cost depends on how hard the rows are to separate, and other
/// hardware runs fits at other speeds. It decides whether a calibration is worth starting, and
/// refusing one that would have finished is the worse mistake, so the curves follow the typical
/// case rather than the worst (the time budget still stops a calibration that outlives it).
/// </remarks>
public static class FitCosts
{
    private const double ReferenceRows = 1000;

    // Seconds of one fit on 1,000 training rows, and the power of the row count the cost grows with.
    private static readonly Dictionary<string, (double Seconds, double Power)> Curves = new(StringComparer.Ordinal)
    {
        [ModelRegistry.SupportVectorRegressor] = (0.385, 2.2),
        [ModelRegistry.RandomForestRegressor] = (0.072, 1.05),
        [ModelRegistry.SgdRegressor] = (0.028, 0.9),
    };

    // The closed-form and coordinate-descent models: well under a millisecond a fit.
    private static readonly (double Seconds, double Power) Light = (0.0005, 1.0);

    /// <summary>CPU seconds of one fit of <paramref name="model"/> on <paramref name="rows"/> training rows.</summary>
    public static double Seconds(string model, int rows)
    {
        var (seconds, power) = Curves.GetValueOrDefault(model, Light);
        return seconds * Math.Pow(Math.Max(rows, 1) / ReferenceRows, power);
    }
}
