namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>A stored calibration with its bookkeeping.</summary>
/// <param name="Record">The calibration as validated.</param>
/// <param name="CreatedAt">When this id was first stored.</param>
/// <param name="UpdatedAt">When the current record replaced the previous one (equals CreatedAt for the first).</param>
/// <param name="Version">1 for the first record, incremented by each replacement; caches key on it.</param>
/// <param name="Report">What calibrating this record found; null until it finished, and for records stored before reports were kept.</param>
[GenerateSerializer, Immutable, Alias("Gaze.StoredCalibration")]
public sealed record StoredCalibration(
    [property: Id(0)] CalibrationRecord Record,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] long Version,
    [property: Id(4)] CalibrationReport? Report = null)
{
    public CalibrationRevision Revision => new(Version, UpdatedAt);
}
