namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>A stored calibration with its bookkeeping.</summary>
/// <param name="Record">The calibration as validated.</param>
/// <param name="CreatedAt">When this id was first stored.</param>
/// <param name="UpdatedAt">When the current record replaced the previous one (equals CreatedAt for the first).</param>
/// <param name="Version">1 for the first record, incremented by each replacement; caches key on it.</param>
[GenerateSerializer, Immutable, Alias("Gaze.StoredCalibration")]
public sealed record StoredCalibration(
    [property: Id(0)] CalibrationRecord Record,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] long Version)
{
    public CalibrationRevision Revision => new(Version, UpdatedAt);
}
