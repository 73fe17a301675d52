using Gaze.Models;

namespace Gaze.Selection;

/// <summary>
/// Checks a configured grid before any calibration searches it, so a typing error in a setting
/// stops the start instead of failing calibrations later. Every candidate is built with the
/// registry's own parameter reading, so the check cannot drift from what calibration accepts.
/// </summary>
public static class GridCheck
{
    /// <summary>What is wrong with <paramref name="grid"/> as the grid of <paramref name="model"/>; empty when it is usable.</summary>
    public static IEnumerable<string> Problems(string model, IReadOnlyDictionary<string, string[]> grid)
    {
        if (!ModelRegistry.IsKnown(model))
        {
            yield return $"'{model}' is not a model; use one of: {string.Join(", ", ModelRegistry.Names)}";
            yield break;
        }

        if (model == ModelRegistry.LinearRegression)
        {
            yield return $"{model} has no hyper-parameters to search";
            yield break;
        }

        var empty = grid.Where(parameter => parameter.Value.Length == 0).Select(parameter => parameter.Key).ToArray();
        if (grid.Count == 0 || empty.Length > 0)
        {
            yield return grid.Count == 0 ? "the grid has no parameters" : $"{string.Join(", ", empty)} has no values";
            yield break;
        }

        foreach (var candidate in ParameterGrid.Expand(grid))
        {
            var problem = BuildProblem(model, candidate);
            if (problem is not null)
            {
                yield return $"{candidate}: {problem}";
                yield break;
            }
        }
    }

    private static string? BuildProblem(string model, ModelParameters candidate)
    {
        try
        {
            _ = ModelRegistry.Create(model, candidate);
            return null;
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or OverflowException)
        {
            return exception.Message;
        }
    }
}
