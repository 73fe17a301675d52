using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Http;

/// <summary>
/// The real API behind real Kestrel on a loopback port the system picks, for what the in-memory test
/// server does not do as Kestrel does: its body size limit on chunked bodies, its data rates,
/// closing connections. Requests still choose their peer address with <see cref="ApiFactory.PeerHeader"/>.
/// </summary>
public class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    /// <summary>Starts the server and returns its address.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.Single());
        }
    }

    /// <summary>A client of the real server that gives up on any request after <paramref name="timeout"/>.</summary>
    public HttpClient CreateKestrelClient(TimeSpan timeout) => new() { BaseAddress = Address, Timeout = timeout };
}
