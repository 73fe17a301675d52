using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;

namespace Gaze.Tests.Engine;

/// <summary>
/// <c>Auto</c> runs every model's grid search and fits each axis with the model of the best mean
/// cross-validated R², with that model's own choice of hyper-parameters.
/// </summary>
public sealed class AutoCalibrationTests
{
    private const string Dataset = "sim_4x30";

    private static readonly Calibrator Calibrator = new(DefaultGrids.Create());

    private static readonly Lazy<CalibrationOutcome> Auto = new(() =>
        Calibrator.Calibrate(CalibrationGoldens.Samples(Dataset), CalibrationGoldens.K(Dataset), ModelRegistry.Auto, CancellationToken.None));

    public static TheoryData<string> Axes() => ["x", "y"];

    [Theory]
    [MemberData(nameof(Axes))]
    public void Each_axis_gets_the_best_cross_validated_model_with_its_own_parameters(string axis)
    {
        var chosen = Axis(Auto.Value, axis);
        Assert.True(ModelRegistry.IsKnown(chosen.Model), chosen.Model);
        Assert.True(double.IsFinite(chosen.Score), $"{chosen.Model} scored {chosen.Score}");

        // Linear Regression is cross-validated only under Auto (its own calibration has no grid).
        foreach (var model in ModelRegistry.Names.Where(model => model != ModelRegistry.LinearRegression))
        {
            var alone = Axis(Calibrate(model), axis);
            Assert.True(chosen.Score >= alone.Score, $"{axis}: {chosen.Model} ({chosen.Score}) chosen over {model} ({alone.Score})");
            if (model == chosen.Model)
            {
                Assert.Equal(alone.Score, chosen.Score);
                Assert.Equal(alone.Parameters.Values, chosen.Parameters.Values);
            }
        }
    }

    [Fact]
    public void Each_axis_predicts_as_its_models_own_calibration_does()
    {
        var auto = Auto.Value;

        Assert.Equal(Calibrate(auto.ModelX).Rows.PredictedX, auto.Rows.PredictedX);
        Assert.Equal(Calibrate(auto.ModelY).Rows.PredictedY, auto.Rows.PredictedY);
        if (auto.ModelX == auto.ModelY)
        {
            Assert.Equal(CalibrationResponseWriter.ToJson(Calibrate(auto.ModelX)), CalibrationResponseWriter.ToJson(auto));
        }
    }

    private static CalibrationOutcome Calibrate(string model) =>
        Calibrator.Calibrate(CalibrationGoldens.Samples(Dataset), CalibrationGoldens.K(Dataset), model, CancellationToken.None);

    private static GridChoice Axis(CalibrationOutcome outcome, string axis) => axis == "x" ? outcome.X : outcome.Y;
}
