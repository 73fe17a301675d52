using System.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Gaze.Management.Telemetry;

/// <summary>
/// While spans are not recorded, still lets Orleans carry the request's trace context into the
/// grains, so their log lines have the request's <c>TraceId</c>: Orleans creates its call
/// activities only for a listener, and this one asks for the ids alone (PropagationData), which
/// records nothing and costs little.
/// </summary>
public sealed class TraceIdPropagation : IHostedService, IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();
}
