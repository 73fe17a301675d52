using Gaze.Grains.Hosting.Settings;
using StackExchange.Redis;

namespace Gaze.Grains.Hosting.Redis;

/// <summary>
/// Checks <c>ConnectionStrings:Redis</c>. Registered only when a provider uses Redis, so the
/// embedded default needs no Redis setting.
/// </summary>
public sealed class RedisConnectionOptionsValidator() : SettingsValidator<RedisConnectionOptions>(RedisConnectionOptions.SectionName)
{
    protected override void Check(RedisConnectionOptions options, SettingErrors errors)
    {
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            errors.Add(nameof(options.Redis), "is required when Orleans:ClusteringProvider, Orleans:DirectoryProvider or Storage:Provider is redis (e.g. 127.0.0.1:6379)");
            return;
        }

        try
        {
            var parsed = ConfigurationOptions.Parse(options.Redis);
            errors.Require(parsed.EndPoints.Count > 0, nameof(options.Redis), $"'{options.Redis}' names no server (expected host:port)");
        }
        catch (ArgumentException malformed)
        {
            errors.Add(nameof(options.Redis), $"'{options.Redis}' is not a StackExchange.Redis connection string: {malformed.Message}");
        }
    }
}
