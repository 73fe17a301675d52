using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gaze.Management.Listeners;

/// <summary>
/// One URL of a listener, turned into a Kestrel endpoint the way Kestrel itself reads <c>Urls</c>:
/// <c>localhost</c> is both loopback addresses, <c>*</c>, <c>+</c> and host names are every
/// address, an IP literal is that address, <c>http://unix:/path</c> a Unix socket. <c>https</c>
/// uses Kestrel's default certificate (terminate TLS at the proxy in production). Written here because both listeners must be bound with
/// <c>Listen</c> calls (so each connection can be marked with its listener), and Kestrel ignores
/// <c>Urls</c> as soon as one <c>Listen</c> call is made.
/// </summary>
public sealed record ListenerAddress(string Url, BindingAddress Binding)
{
    /// <summary>Parses <paramref name="url"/>, or says why it cannot be listened on.</summary>
    public static bool TryParse(string url, out ListenerAddress? address, out string? problem)
    {
        address = null;
        problem = null;
        BindingAddress binding;
        try
        {
            binding = BindingAddress.Parse(url);
        }
        catch (FormatException format)
        {
            problem = $"'{url}' is not a URL to listen on ({format.Message})";
            return false;
        }

        if (binding.IsNamedPipe || binding.Scheme is not ("http" or "https") || (!binding.IsUnixPipe && binding.PathBase.Length > 0))
        {
            problem = $"'{url}' is not an http:// or https:// URL with a host and a port (or a unix: socket path) and no path";
            return false;
        }

        address = new ListenerAddress(url, binding);
        return true;
    }

    /// <summary>Adds this address to <paramref name="kestrel"/>; <paramref name="configure"/> runs on each endpoint.</summary>
    public void Listen(KestrelServerOptions kestrel, Action<ListenOptions> configure)
    {
        void Configure(ListenOptions listen)
        {
            if (Binding.Scheme == "https")
            {
                listen.UseHttps();
            }

            configure(listen);
        }

        var host = Binding.Host;
        if (Binding.IsUnixPipe)
        {
            kestrel.ListenUnixSocket(Binding.UnixPipePath, Configure);
        }
        else if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(Binding.Port, Configure);
        }
        else if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            kestrel.Listen(ip, Binding.Port, Configure);
        }
        else
        {
            kestrel.ListenAnyIP(Binding.Port, Configure);
        }
    }
}
