using Microsoft.Extensions.Options;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>The problems found in one configuration section, each naming its setting in full.</summary>
public sealed class SettingErrors(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>Records that <c>{section}:{key}</c> is wrong, saying why.</summary>
    public void Add(string key, string problem) => _errors.Add($"Setting {section}:{key}: {problem}.");

    /// <summary>Records a message that already names its setting (e.g. a parser's).</summary>
    public void AddMessage(string message) => _errors.Add(message);

    /// <summary>Records a problem with <paramref name="key"/> unless <paramref name="holds"/>.</summary>
    public void Require(bool holds, string key, string problem)
    {
        if (!holds)
        {
            Add(key, problem);
        }
    }

    public void RequirePositive(TimeSpan value, string key) => Require(value > TimeSpan.Zero, key, $"must be a positive time span, not {value}");

    public ValidateOptionsResult Result() => _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
