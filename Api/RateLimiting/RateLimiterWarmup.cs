using System.Collections.Immutable;
using Gaze.Grains.Interfaces;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// Makes one status call to a rate grain at start-up so the first real client does not pay for
/// JIT compilation, storage schema and grain activation inside its short decision timeout.
/// </summary>
public sealed partial class RateLimiterWarmup(IGrainFactory grains, RatePolicyCatalog catalog, ILogger<RateLimiterWarmup> logger) : IHostedService
{
    private const string WarmupKey = "warmup";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRateGrain>(WarmupKey).PeekAsync(catalog.All.ToImmutableArray()).AsTask().WaitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogWarmupFailed(logger, exception);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limiter warm-up failed; the first requests may hit the failure policy")]
    private static partial void LogWarmupFailed(ILogger logger, Exception exception);
}
