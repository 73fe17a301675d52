using Gaze.Grains.Hosting;
using Gaze.Management.Hosting;

namespace Gaze.Api.Hosting;

/// <summary>Makes the API process a silo or a client of the silos, as <c>Orleans:Role</c> says.</summary>
public static class OrleansRoleExtensions
{
    /// <summary>
    /// <c>cohosted</c> (default): a silo in this process, grains reached through its own
    /// <see cref="IGrainFactory"/>. <c>client</c>: an Orleans client only. Never both, which Orleans refuses.
    /// </summary>
    /// <returns>The role, which the management listener's readiness checks depend on.</returns>
    public static OrleansRole AddGazeOrleans(this WebApplicationBuilder builder)
    {
        ReservedOrleansSettings.ThrowIfMisused(builder.Configuration);
        var role = builder.Configuration.ProviderSetting<OrleansRole>(OrleansHostingOptions.SectionName, nameof(OrleansHostingOptions.Role));
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client => client.AddGazeClient().AddGazeManagement());
        }
        else
        {
            builder.UseOrleans(silo => silo.AddGazeSilo().AddGazeManagement());
        }

        return role;
    }
}
