using System.Net;
using System.Net.Sockets;

namespace Gaze.Api.RateLimiting;

/// <summary>Turns the client's address (after trusted-proxy processing) into its rate-limit key.</summary>
public static class ClientKey
{
    /// <summary>Key of requests whose peer has no IP address (e.g. a Unix socket); they share one bucket.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// IPv4 (also IPv4-mapped IPv6) is keyed by the address, e.g. <c>203.0.113.7</c>; native IPv6
    /// by its network of <paramref name="ipv6PrefixLength"/> bits, e.g. <c>2001:db8:1:2::/64</c>.
    /// </summary>
    public static string From(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return Unknown;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var network = new IPNetwork(Mask(address, ipv6PrefixLength), ipv6PrefixLength);
        return network.ToString();
    }

    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
