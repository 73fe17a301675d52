using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Gaze.Grains.Calibration;

/// <summary>Reads the <c>Calibration</c> section into <see cref="CalibrationOptions"/>.</summary>
public static class CalibrationSettings
{
    /// <summary>
    /// A model's grid in configuration replaces that model's default grid as a whole (the plain
    /// binder would merge arrays index by index, leaving stale default values behind).
    /// </summary>
    public static void Bind(CalibrationOptions options, IConfigurationSection section)
    {
        if (section["TimeBudget"] is { } budget)
        {
            options.TimeBudget = TimeSpan.Parse(budget, CultureInfo.InvariantCulture);
        }

        foreach (var model in section.GetSection("Grids").GetChildren())
        {
            options.Grids[model.Key] = model.GetChildren().ToDictionary(
                parameter => parameter.Key,
                parameter => parameter.GetChildren().Select(value => value.Value ?? string.Empty).ToArray(),
                StringComparer.Ordinal);
        }
    }
}
