using System.Net;
using System.Net.Sockets;

namespace Gaze.Tests.Http;

internal static class FreePort
{
    // Below Linux's default ephemeral range (32768-60999), where the kernel picks the local ports of
    // outgoing connections: a port chosen there and released can be taken by a silo's connection to
    // Redis before the process meant to listen on it has started ("address already in use").
    private const int Lowest = 20000;
    private const int Highest = 32767;

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A TCP port free right now on loopback, outside the ephemeral range and not handed out before
    /// by this process, so parallel test hosts and outgoing connections do not take it meanwhile.
    /// </summary>
    public static int Next()
    {
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, Highest + 1);
                if (!HandedOut.Contains(port) && IsFree(port))
                {
                    HandedOut.Add(port);
                    return port;
                }
            }
        }

        // Crowded range: let the kernel choose, as before.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
