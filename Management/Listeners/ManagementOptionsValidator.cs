using Gaze.Grains.Hosting.Settings;

namespace Gaze.Management.Listeners;

/// <summary>Checks the <c>Management</c> section.</summary>
public sealed class ManagementOptionsValidator() : SettingsValidator<ManagementOptions>(ManagementOptions.SectionName)
{
    protected override void Check(ManagementOptions options, SettingErrors errors)
    {
        foreach (var url in options.UrlList)
        {
            if (!ListenerAddress.TryParse(url, out _, out var problem))
            {
                errors.Add(nameof(options.Urls), problem!);
            }
        }
    }
}
