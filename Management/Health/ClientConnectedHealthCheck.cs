using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gaze.Management.Health;

/// <summary>Ready while this API node's Orleans client has a gateway to the cluster.</summary>
public sealed class ClientConnectedHealthCheck(GatewayConnection connection) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(connection.Connected
            ? HealthCheckResult.Healthy(connection.Gateways < 0 ? "Connected to the cluster." : $"Connected to {connection.Gateways} gateway(s).")
            : HealthCheckResult.Unhealthy("The Orleans client has lost every gateway to the cluster."));
}
