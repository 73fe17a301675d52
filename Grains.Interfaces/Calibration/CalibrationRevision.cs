namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>
/// Identifies one stored record of a calibration id: its version counter and when it was stored.
/// Caches of models fitted on a calibration key on it; the time guards against a counter that
/// starts again (a restored or cleared store), where the version alone could repeat.
/// </summary>
[GenerateSerializer, Immutable, Alias("Gaze.CalibrationRevision")]
public sealed record CalibrationRevision(
    [property: Id(0)] long Version,
    [property: Id(1)] DateTimeOffset UpdatedAt);
