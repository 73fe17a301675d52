using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gaze.Management.Health;

/// <summary>Ready once this process's silo has joined the cluster and until it starts leaving it.</summary>
public sealed class SiloActiveHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.SiloAddress} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloAddress} is {silo.CurrentStatus}, not active."));
}
