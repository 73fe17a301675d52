using System.Text.Json;
using Gaze.Calibration;

namespace Gaze.Tests.Engine;

/// <summary>The datasets of goldens/calibration.json (tests/goldens/generate_calibration.py).</summary>
internal static class CalibrationGoldens
{
    public static readonly JsonElement Root = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "goldens", "calibration.json"))).RootElement;

    public static JsonElement Dataset(string name) => Root.GetProperty("datasets").GetProperty(name);

    public static CalibrationSample[] Samples(string dataset) => [.. Dataset(dataset).GetProperty("rows").EnumerateArray()
        .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())
        .Select(r => new CalibrationSample(r[0], r[1], r[2], r[3], r[4], r[5]))];

    public static int K(string dataset) => Dataset(dataset).GetProperty("k").GetInt32();
}
