namespace Gaze.Tests.Cluster;

/// <summary>A fact that reports itself skipped, naming the Debian package, where redis-server is not installed.</summary>
public sealed class RedisServerFactAttribute : FactAttribute
{
    public RedisServerFactAttribute()
    {
        if (!RedisServerBackend.IsAvailable)
        {
            Skip = "Needs the Debian package redis-server (apt-get install -y redis-server); .ci/run installs it.";
        }
    }
}
