using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>
/// What a calibration found, kept with the stored calibration so an operator or researcher can see
/// it later (the management listener's report page) without computing it again.
/// </summary>
/// <param name="Model">The model the calibration asked for (a model name, or <c>Auto</c>).</param>
/// <param name="Split">How the rows were split into training and held-out rows.</param>
/// <param name="TrainRows">Rows the models were fitted on.</param>
/// <param name="TestRows">Held-out rows predicted.</param>
/// <param name="ChosenX">Hyper-parameters the grid search chose for the x model (empty without one).</param>
/// <param name="ChosenY">The same for the y model.</param>
/// <param name="Targets">Each target's held-out predictions and metrics, as in the response.</param>
/// <param name="Centroids">The k cluster centres of the held-out predictions, as (x, y).</param>
/// <param name="CalibratedAt">When the calibration finished.</param>
/// <param name="ModelX">The model the x axis was fitted with; what a batch prediction with <c>Auto</c>
/// uses. Null in reports kept before it was recorded (then <paramref name="Model"/> was used for both).</param>
/// <param name="ModelY">The same for the y axis.</param>
[GenerateSerializer, Immutable, Alias("Gaze.CalibrationReport")]
public sealed record CalibrationReport(
    [property: Id(0)] string Model,
    [property: Id(1)] string Split,
    [property: Id(2)] int TrainRows,
    [property: Id(3)] int TestRows,
    [property: Id(4)] ImmutableDictionary<string, string> ChosenX,
    [property: Id(5)] ImmutableDictionary<string, string> ChosenY,
    [property: Id(6)] ImmutableArray<TargetReport> Targets,
    [property: Id(7)] ImmutableArray<ScreenPoint> Centroids,
    [property: Id(8)] DateTimeOffset CalibratedAt,
    [property: Id(9)] string? ModelX = null,
    [property: Id(10)] string? ModelY = null);

/// <summary>One target of a <see cref="CalibrationReport"/>.</summary>
/// <param name="X">Target x (page pixels).</param>
/// <param name="Y">Target y.</param>
/// <param name="Predictions">The target's held-out predictions kept by the response (both coordinates ≥ 0).</param>
/// <param name="PrecisionSd">Mean of the standard deviations of the predicted x and y.</param>
/// <param name="Accuracy">Mean distance from the target to its predictions, in pixels.</param>
[GenerateSerializer, Immutable, Alias("Gaze.TargetReport")]
public sealed record TargetReport(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] ImmutableArray<ScreenPoint> Predictions,
    [property: Id(3)] double PrecisionSd,
    [property: Id(4)] double Accuracy);

/// <summary>A point on the page, in pixels.</summary>
[GenerateSerializer, Immutable, Alias("Gaze.ScreenPoint")]
public sealed record ScreenPoint([property: Id(0)] double X, [property: Id(1)] double Y);
