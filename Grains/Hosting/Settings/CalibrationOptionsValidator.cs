using Gaze.Grains.Interfaces;
using Gaze.Calibration;
using Gaze.Selection;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>Checks the <c>Calibration</c> section: a positive budget, and grids every candidate of which builds a model.</summary>
public sealed class CalibrationOptionsValidator() : SettingsValidator<CalibrationOptions>(CalibrationOptions.SectionName)
{
    protected override void Check(CalibrationOptions options, SettingErrors errors)
    {
        errors.RequirePositive(options.TimeBudget, nameof(options.TimeBudget));
        errors.Require(options.TimeBudget <= MlCallTimeout.LongestBudget, nameof(options.TimeBudget), $"must be at most {MlCallTimeout.LongestBudget}, the longest an ML grain call is awaited, not {options.TimeBudget}");
        foreach (var (model, grid) in options.Grids)
        {
            foreach (var problem in GridCheck.Problems(model, grid))
            {
                errors.Add($"{nameof(options.Grids)}:{model}", problem);
            }
        }
    }
}
