using Microsoft.AspNetCore.Http;

namespace Gaze.Management.Listeners;

/// <summary>
/// Set on every connection accepted by the management listener (a connection feature, which
/// Kestrel's requests see through their own features). Requests without it came in on the public
/// listener, or from a test server that has no listeners.
/// </summary>
public sealed class ManagementConnection
{
    public static readonly ManagementConnection Instance = new();

    private ManagementConnection()
    {
    }

    public static bool IsManagement(HttpContext context) => context.Features.Get<ManagementConnection>() is not null;
}
