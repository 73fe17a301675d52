using StackExchange.Redis;

namespace Gaze.Grains.Hosting.Redis;

/// <summary>The Redis server of a cluster (<c>ConnectionStrings:Redis</c>), for every provider that uses it.</summary>
public sealed class RedisConnectionOptions
{
    public const string SectionName = "ConnectionStrings";

    /// <summary>A StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c> or <c>redis1:6379,password=…,ssl=true</c>.</summary>
    public string? Redis { get; set; }

    /// <summary>A fresh client configuration: each provider owns its multiplexer and may change its copy.</summary>
    public ConfigurationOptions ToConfiguration() => ConfigurationOptions.Parse(Redis ?? string.Empty);
}
