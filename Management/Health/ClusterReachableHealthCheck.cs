using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gaze.Management.Health;

/// <summary>
/// Ready when a grain call through this node is answered and the cluster has an active silo: the
/// management grain's host list is what any request of this node would need to reach.
/// </summary>
public sealed class ClusterReachableHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s) reachable.")
                : HealthCheckResult.Unhealthy("The cluster has no active silo.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The cluster could not be reached ({exception.GetType().Name}).", exception);
        }
    }
}
