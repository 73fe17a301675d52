using Microsoft.AspNetCore.Builder;

namespace Gaze.Management.Listeners;

/// <summary>Endpoint metadata: served on the management listener only.</summary>
public sealed class ManagementEndpointMetadata
{
    public static readonly ManagementEndpointMetadata Instance = new();

    private ManagementEndpointMetadata()
    {
    }
}

public static class ManagementEndpointExtensions
{
    /// <summary>Serves the endpoint(s) on the management listener only; elsewhere they do not exist (404).</summary>
    public static TBuilder OnManagementListener<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(ManagementEndpointMetadata.Instance);
}
