using Gaze.Selection;

namespace Gaze.Calibration;

/// <summary>Calibration settings (configuration section <c>Calibration</c>).</summary>
public sealed class CalibrationOptions
{
    public const string SectionName = "Calibration";

    /// <summary>Longest a calibration may run before it is cancelled (answered 503).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Configured hyper-parameter grids by model name, then scikit-learn parameter name. Each one
    /// replaces that model's default grid (<see cref="DefaultGrids"/>) as a whole. The defaults are
    /// not preloaded here because the configuration binder appends to arrays it finds filled, which
    /// would mix configured values into the default ones.
    /// </summary>
    public Dictionary<string, Dictionary<string, string[]>> Grids { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The grids calibration searches: the defaults, with every configured model's grid in place of its default.</summary>
    public Dictionary<string, Dictionary<string, string[]>> EffectiveGrids()
    {
        var grids = DefaultGrids.Create();
        foreach (var (model, grid) in Grids)
        {
            grids[model] = grid;
        }

        return grids;
    }
}
