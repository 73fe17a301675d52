using Gaze.Grains.Hosting;

namespace Gaze.Api.Hosting;

/// <summary>Makes the API process a silo or a client of the silos, as <c>Orleans:Role</c> says.</summary>
public static class OrleansRoleExtensions
{
    /// <summary>
    /// <c>cohosted</c> (default): a silo in this process, grains reached through its own
    /// <see cref="IGrainFactory"/>. <c>client</c>: an Orleans client only. Never both, which Orleans refuses.
    /// </summary>
    public static WebApplicationBuilder AddGazeOrleans(this WebApplicationBuilder builder)
    {
        ReservedOrleansSettings.ThrowIfMisused(builder.Configuration);
        var role = builder.Configuration.ProviderSetting<OrleansRole>(OrleansHostingOptions.SectionName, nameof(OrleansHostingOptions.Role));
        if (role == OrleansRole.Client)
        {
            builder.UseOrleansClient(client => client.AddGazeClient());
        }
        else
        {
            builder.UseOrleans(silo => silo.AddGazeSilo());
        }

        return builder;
    }
}
