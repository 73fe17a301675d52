using System.Collections.Immutable;
using System.Text.Json;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Interfaces.Prediction;

namespace Gaze.Api.Prediction;

/// <summary>
/// A validated <c>batch_predict</c> body. The <c>timestamp</c> of each sample and both screen sizes
/// stay JSON elements of the request document, so the response echoes them exactly as sent.
/// </summary>
public sealed record BatchRequest(
    IrisColumns Samples,
    JsonElement?[] Timestamps,
    double ScreenWidth,
    double ScreenHeight,
    JsonElement ScreenWidthAsSent,
    JsonElement ScreenHeightAsSent,
    string? Model,
    string? CalibrationId,
    StatelessCalibration? Stateless)
{
    public bool IsStateless => Stateless is not null;
}

/// <summary>The stateless mode's calibration rows (<c>fixed_points</c>) and validation samples (<c>calib_points</c>).</summary>
public sealed record StatelessCalibration(ImmutableArray<CalibrationPoint> Calibration, IrisColumns Validation);
