using System.Globalization;

namespace Gaze.Selection;

/// <summary>
/// Hyper-parameters of one model by scikit-learn name (e.g. <c>alpha</c>, <c>C</c>), as invariant text
/// so grids can come from configuration.
/// </summary>
public sealed class ModelParameters(IReadOnlyDictionary<string, string> values)
{
    public static readonly ModelParameters None = new(new Dictionary<string, string>());

    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public double Double(string name, double fallback) =>
        Values.TryGetValue(name, out var text) ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : fallback;

    public int Int(string name, int fallback) => (int)Math.Round(Double(name, fallback));

    public string Text(string name, string fallback) => Values.GetValueOrDefault(name, fallback);

    public override string ToString() => string.Join(", ", Values.Select(pair => $"{pair.Key}={pair.Value}"));
}
