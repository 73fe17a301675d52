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
        errors.Require(IPAddress.TryParse(options.AdvertisedIP, out _), nameof(options.AdvertisedIP), $"'{options.AdvertisedIP}' is not an IP address");
        errors.Require(options.SiloPort != options.GatewayPort, nameof(options.GatewayPort), $"must differ from Orleans:SiloPort ({options.SiloPort})");
    }
}
