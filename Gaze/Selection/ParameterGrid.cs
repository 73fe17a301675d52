namespace Gaze.Selection;

/// <summary>
/// The candidates of a grid in scikit-learn's <c>ParameterGrid</c> order: names sorted (ordinal),
/// Cartesian product with the last name varying fastest. Grid order decides ties in the search.
/// </summary>
public static class ParameterGrid
{
    public static IReadOnlyList<ModelParameters> Expand(IReadOnlyDictionary<string, string[]> grid)
    {
        var names = grid.Keys.OrderBy(name => name, StringComparer.Ordinal).ToArray();
        var candidates = new List<ModelParameters>();
        var choice = new int[names.Length];
        if (names.Any(name => grid[name].Length == 0))
        {
            return candidates;
        }

        while (true)
        {
            candidates.Add(new ModelParameters(names.Select((name, i) => (name, value: grid[name][choice[i]]))
                .ToDictionary(pair => pair.name, pair => pair.value, StringComparer.Ordinal)));
            var position = names.Length - 1;
            while (position >= 0 && ++choice[position] == grid[names[position]].Length)
            {
                choice[position--] = 0;
            }

            if (position < 0)
            {
                return candidates;
            }
        }
    }
}
