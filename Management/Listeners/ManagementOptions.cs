namespace Gaze.Management.Listeners;

/// <summary>The management listener (configuration section <c>Management</c>).</summary>
public sealed class ManagementOptions
{
    public const string SectionName = "Management";

    /// <summary>
    /// Where operators reach metrics, readiness, the dashboard and the calibration reports, as
    /// <c>;</c>-separated URLs like the public <c>Urls</c>. Empty turns the listener off. Loopback by
    /// default: none of it is meant for the internet.
    /// </summary>
    public string Urls { get; set; } = "http://127.0.0.1:5001";

    /// <summary>
    /// Whether to run the Orleans Dashboard (<c>/dashboard</c>). It profiles every grain call and
    /// collects the silo's statistics all the time, which costs throughput on busy nodes
    /// (docs/benchmarks.md); a node whose operators use Prometheus and OTLP instead can turn it off.
    /// </summary>
    public bool Dashboard { get; set; } = true;

    /// <summary>The configured URLs, without blanks.</summary>
    public IReadOnlyList<string> UrlList => Split(Urls);

    internal static IReadOnlyList<string> Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
