using Gaze.Grains.Hosting.Settings;

namespace Gaze.Grains.Scheduling;

/// <summary>Checks the <c>Ml</c> section: a sensible number of threads.</summary>
public sealed class MlThreadsOptionsValidator() : SettingsValidator<MlThreadsOptions>(MlThreadsOptions.SectionName)
{
    protected override void Check(MlThreadsOptions options, SettingErrors errors)
    {
        errors.Require(options.Threads is >= 1 and <= 256, nameof(options.Threads), $"must be 1-256, not {options.Threads}");
        errors.Require(options.InteractiveThreads is >= 0 and <= 256, nameof(options.InteractiveThreads), $"must be 0-256, not {options.InteractiveThreads}");
    }
}
