using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gaze.Api.Hosting;

/// <summary>Applies <c>RateLimiting:TrustedProxies</c> to the forwarded-headers middleware.</summary>
public static class TrustedProxies
{
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
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                throw new FormatException($"Setting RateLimiting:TrustedProxies: '{entry}' is neither an IP address nor a CIDR network.");
            }
        }
    }
}
