using Microsoft.Extensions.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>
/// Reads a provider choice while the host is being built: the one kind of setting read before the
/// options exist, because it decides which services are registered at all. A value that is not one
/// of the choices stops the build with the binder's error, which names the setting.
/// </summary>
public static class ProviderSettings
{
    public static TProvider ProviderSetting<TProvider>(this IConfiguration configuration, string section, string key)
        where TProvider : struct, Enum =>
        configuration.GetValue<TProvider>($"{section}:{key}");
}
