using Gaze.Calibration;
using Gaze.Selection;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>Checks the <c>Calibration</c> section: a positive budget, and grids every candidate of which builds a model.</summary>
public sealed class CalibrationOptionsValidator() : SettingsValidator<CalibrationOptions>(CalibrationOptions.SectionName)
{
    protected override void Check(CalibrationOptions options, SettingErrors errors)
    {
        errors.RequirePositive(options.TimeBudget, nameof(options.TimeBudget));
        foreach (var (model, grid) in options.Grids)
        {
            foreach (var problem in GridCheck.Problems(model, grid))
            {
                errors.Add($"{nameof(options.Grids)}:{model}", problem);
            }
        }
    }
}
