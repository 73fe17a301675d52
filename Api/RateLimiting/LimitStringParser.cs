using System.Globalization;
using System.Text.RegularExpressions;

namespace Gaze.Api.RateLimiting;

/// <summary>A parsed limit such as "5 per 30 seconds": <see cref="Permits"/> per <see cref="Multiples"/> <see cref="Unit"/>s.</summary>
public sealed record ParsedLimit(int Permits, int Multiples, string Unit, TimeSpan Window)
{
    /// <summary>flask-limiter's canonical text, e.g. <c>10 per 1 minute</c>.</summary>
    public string Text => $"{Permits} per {Multiples} {Unit}";
}

/// <summary>
/// Parses limit strings in the syntax of flask-limiter / <c>limits</c>: items such as
/// <c>10 per minute</c>, <c>10/minute</c> or <c>5 per 30 seconds</c>, separated by <c>;</c>, <c>,</c> or <c>|</c>.
/// </summary>
/// <remarks>Written here because no .NET library reads this syntax; months are 30 days and years 365, as in <c>limits</c>.</remarks>
public static partial class LimitStringParser
{
    private static readonly Dictionary<string, TimeSpan> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["second"] = TimeSpan.FromSeconds(1),
        ["minute"] = TimeSpan.FromMinutes(1),
        ["hour"] = TimeSpan.FromHours(1),
        ["day"] = TimeSpan.FromDays(1),
        ["month"] = TimeSpan.FromDays(30),
        ["year"] = TimeSpan.FromDays(365),
    };

    /// <summary>
    /// Parses <paramref name="text"/>; an empty or blank text means "no limits". Throws
    /// <see cref="FormatException"/> naming <paramref name="setting"/> for anything malformed.
    /// </summary>
    public static IReadOnlyList<ParsedLimit> Parse(string? text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var limits = new List<ParsedLimit>();
        foreach (var item in text.Split([';', ',', '|']))
        {
            var match = LimitItem().Match(item);
            if (!match.Success)
            {
                throw new FormatException($"Setting {setting}: '{item.Trim()}' is not a limit; expected e.g. '10 per minute', '10/minute' or '5 per 30 seconds'.");
            }

            var permits = ParsePositive(match.Groups["permits"].Value, setting, item);
            var multiples = match.Groups["multiples"].Success ? ParsePositive(match.Groups["multiples"].Value, setting, item) : 1;
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            limits.Add(new ParsedLimit(permits, multiples, unit, Units[unit] * multiples));
        }

        var repeated = limits.GroupBy(limit => limit.Window).FirstOrDefault(group => group.Count() > 1);
        if (repeated is not null)
        {
            throw new FormatException($"Setting {setting}: '{string.Join("' and '", repeated.Select(l => l.Text))}' have the same window; keep one.");
        }

        return limits;
    }

    private static int ParsePositive(string digits, string setting, string item) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"Setting {setting}: '{item.Trim()}' needs whole numbers from 1 to {int.MaxValue}.");

    [GeneratedRegex(@"^\s*(?<permits>\d+)\s*(?:/|per)\s*(?<multiples>\d+)?\s*(?<unit>second|minute|hour|day|month|year)s?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LimitItem();
}
