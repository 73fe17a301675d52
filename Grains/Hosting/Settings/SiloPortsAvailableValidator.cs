using System.Net;
using System.Net.Sockets;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>
/// Stops a silo's start when its silo or gateway port is already taken, e.g. by another instance of
/// the service on the default ports. Orleans opens its listeners with address reuse, which on Linux
/// also lets a second process listen on the same port; the kernel would then share the connections
/// of one silo address between two unrelated silos instead of refusing the second.
/// </summary>
public sealed class SiloPortsAvailableValidator() : SettingsValidator<OrleansHostingOptions>(OrleansHostingOptions.SectionName)
{
    protected override void Check(OrleansHostingOptions options, SettingErrors errors)
    {
        if (!IPAddress.TryParse(options.AdvertisedIP, out var address))
        {
            return; // reported by OrleansHostingOptionsValidator
        }

        foreach (var (key, port) in new[] { (nameof(options.SiloPort), options.SiloPort), (nameof(options.GatewayPort), options.GatewayPort) })
        {
            // A port out of range is reported by OrleansHostingOptionsValidator.
            errors.Require(port is < IPEndPoint.MinPort or > IPEndPoint.MaxPort || IsFree(address, port), key,
                $"{address}:{port} is already in use, probably by another instance of this service; stop it or choose another port");
        }
    }

    /// <summary>
    /// Whether a listener could bind the endpoint exclusively. On Linux the probe sets SO_REUSEADDR
    /// alone (.NET's ReuseAddress would also set SO_REUSEPORT), so connections of a stopped instance
    /// still in TIME_WAIT do not count as a listener, and a live listener still does.
    /// </summary>
    private static bool IsFree(IPAddress address, int port)
    {
        using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (OperatingSystem.IsLinux())
        {
            const int SolSocket = 1, SoReuseAddr = 2;
            probe.SetRawSocketOption(SolSocket, SoReuseAddr, BitConverter.GetBytes(1));
        }

        try
        {
            probe.Bind(new IPEndPoint(address, port));
            probe.Listen();
            return true;
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return false;
        }
        catch (SocketException)
        {
            // Not an address of this machine, or another bind problem: Orleans reports it itself.
            return true;
        }
    }
}
