using System.Net;
using System.Net.Sockets;

namespace Gaze.Tests.Http;

internal static class FreePort
{
    /// <summary>A TCP port free right now on loopback, so parallel test hosts do not collide on silo ports.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
