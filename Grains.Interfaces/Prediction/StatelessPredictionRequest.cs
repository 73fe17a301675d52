using System.Collections.Immutable;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Interfaces.Prediction;

/// <summary>A session batch with its own calibration rows: nothing is looked up or stored.</summary>
/// <param name="Model">Requested model name; unknown names mean Linear Regression.</param>
/// <param name="ScreenWidth">Target screen width in pixels.</param>
/// <param name="ScreenHeight">Target screen height in pixels.</param>
/// <param name="Calibration">Training rows (<c>fixed_points</c>).</param>
/// <param name="Validation">Validation samples (<c>calib_points</c>) the calibration metrics are computed on.</param>
/// <param name="Samples">The session's iris samples.</param>
[GenerateSerializer, Immutable, Alias("Gaze.StatelessPredictionRequest")]
public sealed record StatelessPredictionRequest(
    [property: Id(0)] string? Model,
    [property: Id(1)] double ScreenWidth,
    [property: Id(2)] double ScreenHeight,
    [property: Id(3)] ImmutableArray<CalibrationPoint> Calibration,
    [property: Id(4)] IrisColumns Validation,
    [property: Id(5)] IrisColumns Samples);
