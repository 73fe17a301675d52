namespace Gaze.Api.Bodies;

/// <summary>
/// The fields of a form body, by their exact (case-sensitive) names, each with every value it was
/// sent with, in order. <see cref="IFormCollection"/> matches names case-insensitively and joins a
/// repeated field's values with commas; the reference service does neither, and a client that sends
/// a field twice should be told rather than have one value chosen for it.
/// </summary>
public sealed class FormFields
{
    private readonly Dictionary<string, List<string?>> _values = new(StringComparer.Ordinal);

    /// <summary>How many values the form has, over all its fields.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one value of <paramref name="name"/>; null for a value that was not valid UTF-8 text.</summary>
    public void Add(string name, string? value)
    {
        if (!_values.TryGetValue(name, out var values))
        {
            _values[name] = values = [];
        }

        values.Add(value);
        Count++;
    }

    /// <summary>The values sent for exactly <paramref name="name"/>, or none.</summary>
    public IReadOnlyList<string?> ValuesOf(string name) => _values.TryGetValue(name, out var values) ? values : [];
}
