using System.Text.RegularExpressions;

namespace Gaze.Api.Hosting;

/// <summary>
/// Copies the client addresses of an RFC 7239 <c>Forwarded</c> header into <c>X-Forwarded-For</c>,
/// so ASP.NET Core's forwarded-headers middleware (which reads only the latter) applies the same
/// trusted-proxy rules to both. Runs before that middleware and grants no trust by itself.
/// </summary>
public static partial class ForwardedHeaderTranslator
{
    public static void Translate(HttpRequest request)
    {
        if (request.Headers.ContainsKey("X-Forwarded-For") || !request.Headers.TryGetValue("Forwarded", out var forwarded))
        {
            return;
        }

        var addresses = new List<string>();
        foreach (var header in forwarded)
        {
            foreach (Match match in ForParameter().Matches(header ?? string.Empty))
            {
                addresses.Add(StripPort(match.Groups["node"].Value));
            }
        }

        if (addresses.Count > 0)
        {
            request.Headers["X-Forwarded-For"] = string.Join(", ", addresses);
        }
    }

    // Node forms: 192.0.2.60, "192.0.2.60:8080", "[2001:db8::1]", "[2001:db8::1]:4711", unknown, _hidden.
    private static string StripPort(string node)
    {
        if (node.StartsWith('['))
        {
            var close = node.IndexOf(']');
            return close > 0 ? node[1..close] : node;
        }

        var colon = node.IndexOf(':');
        return colon > 0 && node.IndexOf(':', colon + 1) < 0 ? node[..colon] : node;
    }

    [GeneratedRegex("""(?:^|[;,\s])for\s*=\s*"?(?<node>[^";,\s]+)"?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForParameter();
}
