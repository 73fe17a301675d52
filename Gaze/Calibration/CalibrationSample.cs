namespace Gaze.Calibration;

/// <summary>One training sample: both iris centres (webcam pixels) while the user fixated (PointX, PointY) (page pixels).</summary>
public sealed record CalibrationSample(double LeftX, double LeftY, double RightX, double RightY, double PointX, double PointY);
