using Gaze.Grains.Interfaces;
using Gaze.Prediction;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>Checks the <c>Prediction</c> section.</summary>
public sealed class PredictionOptionsValidator() : SettingsValidator<PredictionOptions>(PredictionOptions.SectionName)
{
    protected override void Check(PredictionOptions options, SettingErrors errors)
    {
        errors.Require(options.CacheEntries >= 1, nameof(options.CacheEntries), $"must be at least 1, not {options.CacheEntries}");
        errors.RequirePositive(options.CacheIdleTime, nameof(options.CacheIdleTime));
        errors.RequirePositive(options.TimeBudget, nameof(options.TimeBudget));
        errors.Require(options.TimeBudget <= MlCallTimeout.LongestBudget, nameof(options.TimeBudget), $"must be at most {MlCallTimeout.LongestBudget}, the longest an ML grain call is awaited, not {options.TimeBudget}");
    }
}
