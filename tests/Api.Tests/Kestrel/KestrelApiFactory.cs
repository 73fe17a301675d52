using Gaze.Management.Listeners;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Tests.Http;

/// <summary>
/// The real API behind real Kestrel, its public and its management listener on loopback ports the
/// system picks, for what the in-memory test server does not do as Kestrel does: its body size
/// limit on chunked bodies, its data rates, closing connections, listeners. Requests still choose
/// their peer address with <see cref="ApiFactory.PeerHeader"/>.
/// </summary>
public class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel();

    /// <summary>Starts the server and returns the public listener's address.</summary>
    public Uri Address => Listeners.PublicAddresses.Single();

    /// <summary>Starts the server and returns the management listener's address.</summary>
    public Uri ManagementAddress => Listeners.ManagementAddresses.Single();

    private ListenerPlan Listeners
    {
        get
        {
            StartServer();
            return Services.GetRequiredService<ListenerPlan>();
        }
    }

    /// <summary>A client of the real server that gives up on any request after <paramref name="timeout"/>.</summary>
    public HttpClient CreateKestrelClient(TimeSpan timeout) => new() { BaseAddress = Address, Timeout = timeout };

    /// <summary>A client of the management listener.</summary>
    public HttpClient CreateManagementClient(TimeSpan timeout) => new() { BaseAddress = ManagementAddress, Timeout = timeout };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Before the base settings, so a test's own Settings can still change them.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("Management:Urls", "http://127.0.0.1:0");
        base.ConfigureWebHost(builder);
    }
}
