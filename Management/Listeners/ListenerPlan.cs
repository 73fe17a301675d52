using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gaze.Management.Listeners;

/// <summary>
/// Which listeners this host has, and once the server started, where they were bound (a port 0
/// becomes the port the system chose).
/// </summary>
/// <param name="ServesPublicApi">Whether the host serves the public API (the API node) or only management (the silo).</param>
public sealed record ListenerPlan(bool ServesPublicApi)
{
    internal List<ListenOptions> Public { get; } = [];

    internal List<ListenOptions> Management { get; } = [];

    /// <summary>Where the public listener was bound, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public IReadOnlyList<Uri> PublicAddresses => Addresses(Public);

    /// <summary>Where the management listener was bound.</summary>
    public IReadOnlyList<Uri> ManagementAddresses => Addresses(Management);

    // A bound ListenOptions prints as its URL, with the port the system chose.
    private static Uri[] Addresses(List<ListenOptions> listeners) => [.. listeners.Select(listen => new Uri(listen.ToString()!))];
}
