namespace Gaze.Grains.Hosting;

/// <summary>Cluster identity and ports (configuration section <c>Orleans</c>).</summary>
public sealed class OrleansHostingOptions
{
    public const string SectionName = "Orleans";

    public string ClusterId { get; set; } = "gaze";

    public string ServiceId { get; set; } = "gaze-service";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;
}
