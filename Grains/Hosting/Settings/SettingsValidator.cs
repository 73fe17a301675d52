using Microsoft.Extensions.Options;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>
/// Checks one options type bound from <see cref="Section"/>: every problem is reported at once,
/// each naming its setting, and <c>ValidateOnStart</c> makes any of them stop the start.
/// </summary>
public abstract class SettingsValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public string Section { get; } = section;

    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new SettingErrors(Section);
        Check(options, errors);
        return errors.Result();
    }

    protected abstract void Check(TOptions options, SettingErrors errors);
}
