using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Gaze.Management.Listeners;

/// <summary>
/// Binds Kestrel to the public URLs and the management URLs, marking each management connection
/// with <see cref="ManagementConnection"/>. It runs when the pipeline is built, after the host has
/// resolved the public URLs (<c>Urls</c>, <c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>HTTP_PORTS</c>)
/// into the server's address list and before the server binds: it takes that list over as
/// <c>Listen</c> calls, since Kestrel uses either the list or <c>Listen</c> calls, never both.
/// Under a server other than Kestrel (the in-memory test server) it does nothing.
/// </summary>
public sealed class ListenerStartupFilter(IServer server, IOptions<KestrelServerOptions> kestrel, IOptions<ManagementOptions> management, ListenerPlan plan)
    : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
    {
        if (server.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal) == true
            && server.Features.Get<IServerAddressesFeature>() is { Addresses.IsReadOnly: false } addresses)
        {
            var publicUrls = plan.ServesPublicApi ? addresses.Addresses.ToArray() : [];
            addresses.Addresses.Clear();
            Bind(kestrel.Value, publicUrls, management.Value.UrlList);
        }

        return next;
    }

    private void Bind(KestrelServerOptions options, IReadOnlyList<string> publicUrls, IReadOnlyList<string> managementUrls)
    {
        foreach (var url in publicUrls)
        {
            Parse(url, "Urls").Listen(options, listen => plan.Public.Add(listen));
        }

        foreach (var url in managementUrls)
        {
            Parse(url, $"{ManagementOptions.SectionName}:{nameof(ManagementOptions.Urls)}").Listen(options, listen =>
            {
                listen.Use(nextConnection => connection =>
                {
                    connection.Features.Set(ManagementConnection.Instance);
                    return nextConnection(connection);
                });
                plan.Management.Add(listen);
            });
        }
    }

    private static ListenerAddress Parse(string url, string setting) =>
        ListenerAddress.TryParse(url, out var address, out var problem)
            ? address!
            : throw new OptionsValidationException(setting, typeof(ManagementOptions), [$"Setting {setting}: {problem}."]);
}
