using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gaze.Api.Hosting;

/// <summary>Applies <c>RateLimiting:TrustedProxies</c> to the forwarded-headers middleware.</summary>
public static class TrustedProxies
{
    /// <summary>Reads an entry: a CIDR network, or one address (taken as a network of that address alone).</summary>
    public static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        if (System.Net.IPNetwork.TryParse(entry, out network))
        {
            return true;
        }

        if (IPAddress.TryParse(entry, out var address))
        {
            network = new System.Net.IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }

        return false;
    }

    /// <summary>Configures <paramref name="forwarded"/> from validated entries (see <see cref="TryParse"/>).</summary>
    public static void Configure(ForwardedHeadersOptions forwarded, IReadOnlyCollection<string> trusted)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
        // Walk the whole X-Forwarded-For chain from the right, stopping at the first untrusted hop.
        forwarded.ForwardLimit = null;
        if (trusted.Count == 0)
        {
            return; // ASP.NET Core's defaults: loopback (127.0.0.0/8 and ::1) only.
        }

        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        foreach (var entry in trusted)
        {
            if (TryParse(entry, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        }
    }
}
