using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace Gaze.Grains.Interfaces.Configuration;

/// <summary>
/// Reads a closed set of setting values written in kebab case (<c>moving-window</c>) into an enum
/// (<c>MovingWindow</c>), for the configuration binder. Unlike the framework's enum converter it
/// refuses numbers (which would bind to values that are not members) and names every accepted
/// spelling when it refuses a value.
/// </summary>
public sealed class SettingEnumConverter<TEnum> : TypeConverter
    where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum> ByKey = Enum.GetValues<TEnum>()
        .ToDictionary(value => Key(value.ToString()), StringComparer.OrdinalIgnoreCase);

    /// <summary>The accepted spellings, e.g. <c>'moving-window' or 'fixed-window'</c>.</summary>
    public static string Choices => string.Join(" or ", Enum.GetValues<TEnum>().Select(value => $"'{Spelling(value)}'"));

    /// <summary>How <paramref name="value"/> is written in configuration, e.g. <c>moving-window</c>.</summary>
    public static string Spelling(TEnum value)
    {
        var name = value.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>The member spelled <paramref name="text"/> (any case, with or without dashes), or null.</summary>
    public static TEnum? Parse(string? text) =>
        text is not null && ByKey.TryGetValue(Key(text.Trim()), out var value) ? value : null;

    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string);

    public override object ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        Parse(value as string) ?? throw new FormatException($"'{value}' is not one of {Choices}.");

    private static string Key(string text) => text.Replace("-", string.Empty, StringComparison.Ordinal);
}
