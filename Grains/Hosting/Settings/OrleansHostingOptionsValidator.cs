using System.Net;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>Checks the <c>Orleans</c> section: identities, two distinct valid ports, an address (enums are refused by their converter).</summary>
public sealed class OrleansHostingOptionsValidator() : SettingsValidator<OrleansHostingOptions>(OrleansHostingOptions.SectionName)
{
    protected override void Check(OrleansHostingOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.ClusterId), nameof(options.ClusterId), "must not be empty");
        errors.Require(!string.IsNullOrWhiteSpace(options.ServiceId), nameof(options.ServiceId), "must not be empty");
        errors.Require(options.SiloPort is > 0 and <= 65535, nameof(options.SiloPort), $"must be a TCP port (1-65535), not {options.SiloPort}");
        errors.Require(options.GatewayPort is > 0 and <= 65535, nameof(options.GatewayPort), $"must be a TCP port (1-65535), not {options.GatewayPort}");
        errors.Require(IsReachableAddress(options.AdvertisedIP), nameof(options.AdvertisedIP),
            $"'{options.AdvertisedIP}' is not an address other silos can reach (a dotted IPv4 or an IPv6 address, not 0.0.0.0 or ::)");
        errors.Require(options.SiloPort != options.GatewayPort, nameof(options.GatewayPort), $"must differ from Orleans:SiloPort ({options.SiloPort})");
    }

    // IPAddress.TryParse also reads "1" as 0.0.0.1; an advertised address must be written out in full.
    private static bool IsReachableAddress(string text) =>
        IPAddress.TryParse(text, out var address)
        && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
        && (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Count(c => c == '.') == 3);
}
