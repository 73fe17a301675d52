using Gaze.Selection;

namespace Gaze.Grains.Calibration;

/// <summary>Calibration settings (configuration section <c>Calibration</c>).</summary>
public sealed class CalibrationOptions
{
    public const string SectionName = "Calibration";

    /// <summary>Longest a calibration may run before it is cancelled (answered 503).</summary>
    public TimeSpan TimeBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Hyper-parameter grids by model name, then scikit-learn parameter name; see <see cref="DefaultGrids"/>.</summary>
    public Dictionary<string, Dictionary<string, string[]>> Grids { get; set; } = DefaultGrids.Create();
}
