namespace Gaze.Tests.Browser;

/// <summary>
/// A fact that reports itself skipped, naming the Debian package, where Chromium is not installed;
/// except in CI (<c>CI=true</c>), whose <c>.ci/run</c> installs it, so there it fails instead.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Executable) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Needs the Debian package chromium (apt-get install -y chromium); .ci/run installs it.";
        }
    }
}
