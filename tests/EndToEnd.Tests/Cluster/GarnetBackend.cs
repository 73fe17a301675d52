using Garnet;
using Gaze.Tests.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gaze.Tests.Cluster;

/// <summary>
/// Microsoft Garnet in the test process on a free loopback port. Both switches matter: without
/// <c>--lua</c> every provider script fails and a silo hangs at "Joining" without an error; without
/// <c>--lua-transaction-mode</c> scripts are not atomic across connections, so optimistic
/// concurrency (ETags of storage, directory and membership) can let two writers win.
/// <see cref="GarnetGuardTests"/> keeps both true.
/// </summary>
public sealed class GarnetBackend : IRedisBackend
{
    private readonly GarnetServer _server;

    private GarnetBackend(int port)
    {
        Port = port;
        // The options overload would skip the console trace listener the argument parser installs,
        // but the argument form is the one documented for these switches.
        _server = new GarnetServer(["--bind", "127.0.0.1", "--port", port.ToString(), "--lua", "--lua-transaction-mode", "-q"], NullLoggerFactory.Instance);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static GarnetBackend Start()
    {
        var backend = new GarnetBackend(FreePort.Next());
        try
        {
            backend._server.Start();
            return backend;
        }
        catch
        {
            backend._server.Dispose();
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _server.Dispose();
        return ValueTask.CompletedTask;
    }
}
