namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>A training sample: iris centres recorded while the user fixated the target (PointX, PointY) in page pixels.</summary>
[GenerateSerializer, Immutable, Alias("Gaze.CalibrationPoint")]
public sealed record CalibrationPoint(
    [property: Id(0)] double LeftX,
    [property: Id(1)] double LeftY,
    [property: Id(2)] double RightX,
    [property: Id(3)] double RightY,
    [property: Id(4)] double PointX,
    [property: Id(5)] double PointY);
