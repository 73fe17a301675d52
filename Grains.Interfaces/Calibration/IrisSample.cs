namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>Iris centres of both eyes in webcam pixels.</summary>
[GenerateSerializer, Immutable, Alias("Gaze.IrisSample")]
public sealed record IrisSample(
    [property: Id(0)] double LeftX,
    [property: Id(1)] double LeftY,
    [property: Id(2)] double RightX,
    [property: Id(3)] double RightY);
