using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Gaze.Management.Listeners;

/// <summary>
/// The server of a host with no listener at all (a standalone silo whose management listener is
/// turned off): Kestrel would bind http://localhost:5000 when given no address, which a silo must not.
/// </summary>
public sealed class NoHttpServer : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
