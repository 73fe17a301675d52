using Gaze.Calibration;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Calibration;

/// <summary>Hands stored or sent calibration rows to the gaze engine, which knows no grain types.</summary>
public static class CalibrationPoints
{
    public static CalibrationSample[] ToSamples(this IEnumerable<CalibrationPoint> points) =>
        [.. points.Select(p => new CalibrationSample(p.LeftX, p.LeftY, p.RightX, p.RightY, p.PointX, p.PointY))];
}
