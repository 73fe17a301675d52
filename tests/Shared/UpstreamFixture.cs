using Gaze.Calibration;

namespace Gaze.Tests.Upstream;

/// <summary>The reference service's test data, shared by the engine, grain and HTTP tests.</summary>
public static class UpstreamFixture
{
    /// <summary>The reference's conftest fixture: 5 targets, iris jitter -0.01/0/+0.01 on all four values.</summary>
    public static CalibrationSample[] Samples() =>
    [
        .. new (double Px, double Py, double Lx, double Ly, double Rx, double Ry)[]
            {
                (100, 100, 0.30, 0.40, 0.60, 0.40), (500, 300, 0.50, 0.50, 0.80, 0.50), (900, 500, 0.70, 0.60, 0.90, 0.60),
                (100, 500, 0.20, 0.70, 0.50, 0.70), (900, 100, 0.60, 0.30, 0.85, 0.30),
            }
            .SelectMany(t => new[] { -0.01, 0.0, 0.01 }.Select(j => new CalibrationSample(t.Lx + j, t.Ly + j, t.Rx + j, t.Ry + j, t.Px, t.Py))),
    ];
}
