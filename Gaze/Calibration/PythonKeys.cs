using System.Globalization;

namespace Gaze.Calibration;

/// <summary>
/// The response keys of a target coordinate, exactly as the reference service made them with
/// Python's <c>str(v).split(".")[0]</c> and as the web front looks them up
/// (<c>String(x).split('.')[0]</c>): 682.5 → "682", 100 → "100", -3.7 → "-3", -0.5 → "-0".
/// </summary>
public static class PythonKeys
{
    public static string For(double value)
    {
        var magnitude = Math.Abs(value);
        var sign = double.IsNegative(value) ? "-" : string.Empty;
        if (value != 0 && (magnitude >= 1e16 || magnitude < 1e-4))
        {
            // Python prints these as d.ddde±XX: the key is the text before the first '.'.
            var repr = ScientificFromShortest(value.ToString("R", CultureInfo.InvariantCulture), value.ToString("E16", CultureInfo.InvariantCulture));
            var dot = repr.IndexOf('.');
            return dot < 0 ? repr : repr[..dot];
        }

        // Positional notation: the sign, then the integer digits.
        return sign + Math.Truncate(magnitude).ToString("F0", CultureInfo.InvariantCulture);
    }

    private static string ScientificFromShortest(string shortest, string scientific)
    {
        // Digits of the shortest round-trip form, placed as d.ddd, with Python's exponent style.
        var exponent = int.Parse(scientific[(scientific.IndexOf('E') + 1)..], CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var mantissaText = shortest.TrimStart('-');
        var e = mantissaText.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissaText = mantissaText[..e];
        }

        var digits = mantissaText.Replace(".", string.Empty).TrimStart('0').TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var mantissa = digits.Length == 1 ? digits : $"{digits[0]}.{digits[1..]}";
        var sign = exponent < 0 ? "-" : "+";
        return $"{(negative ? "-" : string.Empty)}{mantissa}e{sign}{Math.Abs(exponent):00}";
    }
}
