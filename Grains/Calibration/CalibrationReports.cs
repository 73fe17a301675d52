using System.Collections.Immutable;
using Gaze.Calibration;
using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Calibration;

/// <summary>Turns a calibration's outcome into the report kept with the stored calibration.</summary>
public static class CalibrationReports
{
    public static CalibrationReport From(CalibrationOutcome outcome, string model, DateTimeOffset calibratedAt) => new(
        model,
        outcome.Split,
        outcome.Rows.Train.Length,
        outcome.Rows.Test.Length,
        outcome.ChosenX.ToImmutableDictionary(),
        outcome.ChosenY.ToImmutableDictionary(),
        [.. outcome.Targets.Select(target => new TargetReport(
            target.TrueX,
            target.TrueY,
            [.. target.PredictedX.Zip(target.PredictedY, (x, y) => new ScreenPoint(x, y))],
            target.PrecisionSd,
            target.Accuracy))],
        [.. outcome.Centroids.Select(centroid => new ScreenPoint(centroid[0], centroid[1]))],
        calibratedAt,
        outcome.ModelX,
        outcome.ModelY);
}
