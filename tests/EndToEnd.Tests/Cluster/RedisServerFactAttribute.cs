namespace Gaze.Tests.Cluster;

/// <summary>
/// A fact that reports itself skipped, naming the Debian package, where redis-server is not
/// installed; except in CI (<c>CI=true</c>), whose <c>.ci/run</c> installs it, so there it fails instead.
/// </summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (!RedisServerBackend.IsAvailable && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "Needs the Debian package redis-server (apt-get install -y redis-server); .ci/run installs it.";
        }
    }
}
