using Gaze.Calibration;
using Gaze.Models;
using Gaze.Selection;
using MathNet.Numerics;

namespace Gaze.Prediction;

/// <summary>
/// The fitted training half of batch prediction (docs/algorithms.md sections 3 and 4): iris → screen models for
/// x and y plus the baselines and output scales learnt from the calibration rows. It depends only on
/// (calibration rows, model, screen size, kind), so one instance can serve every batch of a session.
/// Immutable once fitted and <see cref="Predict"/> only reads it, so concurrent batches may share it.
/// </summary>
public sealed class GazeMapping
{
    /// <summary>The squash limit of both axes.</summary>
    private const double SquashLimit = 1.0;

    /// <summary>Vertical predictions are centred on the batch and stretched by this gain.</summary>
    private const double VerticalGain = 1.2;

    /// <summary>Keeps divisions by a degenerate spread finite.</summary>
    private const double Floor = 1e-6;

    private readonly IRegressor _modelX;
    private readonly IRegressor _modelY;
    private readonly double _referenceX;
    private readonly double _referenceY;
    private readonly double _irisScaleY;
    private readonly double _meanRelativeX;

    private GazeMapping(GazeMappingKind kind, string nameX, string nameY, double width, double height, IRegressor modelX, IRegressor modelY,
        double referenceX, double referenceY, double irisScaleY, double meanRelativeX, double scaleX, double scaleY, int trainingRows)
    {
        Kind = kind;
        ModelX = nameX;
        ModelY = nameY;
        Width = width;
        Height = height;
        _modelX = modelX;
        _modelY = modelY;
        _referenceX = referenceX;
        _referenceY = referenceY;
        _irisScaleY = irisScaleY;
        _meanRelativeX = meanRelativeX;
        ScaleX = scaleX;
        ScaleY = scaleY;
        TrainingRows = trainingRows;
    }

    public GazeMappingKind Kind { get; }

    /// <summary>The model of the x axis: unknown names fall back to Linear Regression.</summary>
    public string ModelX { get; }

    /// <summary>The model of the y axis (the same as x unless a stored calibration chose them with <c>Auto</c>).</summary>
    public string ModelY { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Pixels from the screen centre to the edge of the x output range.</summary>
    public double ScaleX { get; }

    public double ScaleY { get; }

    /// <summary>Calibration rows the models were fitted on (after the stateless outlier filter).</summary>
    public int TrainingRows { get; }

    /// <summary>
    /// The model name the pipelines use for <paramref name="requested"/>: unknown names mean Linear
    /// Regression (the reference's behaviour); <see cref="ModelRegistry.Auto"/> stays, for the stored
    /// calibration's models to replace.
    /// </summary>
    public static string ResolveModel(string? requested) =>
        requested is not null && ModelRegistry.IsCalibrationChoice(requested) ? requested : ModelRegistry.LinearRegression;

    /// <summary>Maps a raw prediction smoothly into (-1, 1): tanh(value / limit).</summary>
    public static double Squash(double value, double limit = SquashLimit) => Math.Tanh(value / limit);

    /// <summary>Fits both axes' models; stops with <see cref="OperationCanceledException"/> when cancelled (SVR and the forest can take seconds on large calibrations).</summary>
    public static GazeMapping Fit(IReadOnlyList<CalibrationSample> rows, string? model, double width, double height, GazeMappingKind kind,
        CancellationToken cancellationToken = default)
    {
        var name = ResolveModel(model);
        if (name == ModelRegistry.Auto)
        {
            throw new PredictionRejectedException(
                $"model_name '{ModelRegistry.Auto}' reuses the models a stored calibration was fitted with; send its calibration id, or name a model.");
        }

        return Fit(rows, name, name, width, height, kind, cancellationToken);
    }

    /// <summary>Fits the x axis with <paramref name="nameX"/> and the y axis with <paramref name="nameY"/> (both model names).</summary>
    public static GazeMapping Fit(IReadOnlyList<CalibrationSample> rows, string nameX, string nameY, double width, double height, GazeMappingKind kind,
        CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            throw new PredictionRejectedException("The calibration has no rows to fit.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);

        var eyes = EyePositions.FromSamples(rows).WithLaterality();
        double[] pointX = [.. rows.Select(r => r.PointX)];
        double[] pointY = [.. rows.Select(r => r.PointY)];
        if (kind == GazeMappingKind.Stateless)
        {
            var keep = RobustOutlierFilter.Keep(eyes.LeftX, eyes.RightX, eyes.MeanX());
            eyes = eyes.Where(keep);
            pointX = Numpy.Select(pointX, keep);
            pointY = Numpy.Select(pointY, keep);
        }

        // Targets normalised to [-1, 1] around the screen centre.
        double[] targetX = [.. pointX.Select(p => (p - width / 2) / (width / 2))];
        double[] targetY = [.. pointY.Select(p => (p - height / 2) / (height / 2))];

        var meanX = eyes.MeanX();
        var meanY = eyes.MeanY();
        var referenceX = Numpy.Mean(meanX);
        var referenceY = Numpy.Mean(meanY);
        var irisScaleY = Numpy.PopulationStd(meanY) + Floor;
        double[] relativeX = [.. meanX.Select(m => m - referenceX)];

        var modelX = ModelRegistry.CreateEngineered(nameX, ModelParameters.None);
        var modelY = ModelRegistry.Create(nameY, ModelParameters.None);
        try
        {
            modelX.Fit(FeaturesX(kind, eyes, meanX, relativeX), targetX, cancellationToken);
            modelY.Fit(FeaturesY(eyes, meanY, referenceY, irisScaleY), targetY, cancellationToken);
        }
        catch (NonConvergenceException)
        {
            // MathNet's SVD (least squares, ridge, Bayesian ridge) gives up on pathological rows.
            throw new PredictionRejectedException($"The {(nameX == nameY ? nameX : $"{nameX} and {nameY}")} models did not converge on this calibration's rows.");
        }

        var scaleX = kind == GazeMappingKind.Stateless ? width / 2 : HalfSpread(targetX) * (width / 2);
        var scaleY = HalfSpread(targetY) * (height / 2);
        return new GazeMapping(kind, nameX, nameY, width, height, modelX, modelY, referenceX, referenceY, irisScaleY,
            Numpy.Mean(relativeX), scaleX, scaleY, eyes.Count);
    }

    /// <summary>Maps a batch of session samples to screen pixels (docs/algorithms.md section 3, steps 8-11).</summary>
    public GazePredictions Predict(EyePositions samples)
    {
        if (samples.Count == 0)
        {
            throw new PredictionRejectedException("The batch has no samples.");
        }

        var eyes = samples.WithLaterality();
        var meanX = eyes.MeanX();
        double[] relativeX = [.. meanX.Select(m => m - _referenceX)];
        if (Kind == GazeMappingKind.Stateless)
        {
            // Head position drifts between calibration and session: align the batch's horizontal
            // baseline with the calibration's so the x model is not asked to extrapolate.
            var shift = _meanRelativeX - Numpy.Mean(relativeX);
            relativeX = [.. relativeX.Select(r => r + shift)];
        }

        var rawX = _modelX.Predict(FeaturesX(Kind, eyes, meanX, relativeX));
        var rawY = _modelY.Predict(FeaturesY(eyes, eyes.MeanY(), _referenceY, _irisScaleY));
        var biasY = Numpy.Mean(rawY);

        var x = new double[rawX.Length];
        var y = new double[rawY.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var unitX = Kind == GazeMappingKind.Stateless ? Math.Clamp(rawX[i], -1.0, 1.0) : Squash(rawX[i]);
            x[i] = Width / 2 + unitX * ScaleX;
            y[i] = Height / 2 + Squash((rawY[i] - biasY) * VerticalGain) * ScaleY;
        }

        return new GazePredictions(x, y);
    }

    private static double[][] FeaturesX(GazeMappingKind kind, EyePositions eyes, double[] meanX, double[] relativeX)
    {
        var diffX = eyes.DiffX();
        var rows = new double[eyes.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = kind == GazeMappingKind.Stateless
                ? [diffX[i], relativeX[i]]
                : [eyes.LeftX[i], eyes.RightX[i], meanX[i], diffX[i], relativeX[i]];
        }

        return rows;
    }

    private static double[][] FeaturesY(EyePositions eyes, double[] meanY, double referenceY, double irisScaleY)
    {
        var diffY = eyes.DiffY();
        var rows = new double[eyes.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = [diffY[i] / irisScaleY, (meanY[i] - referenceY) / irisScaleY];
        }

        return rows;
    }

    /// <summary>Half the 5th-95th percentile spread of normalised targets, floored.</summary>
    private static double HalfSpread(double[] targets) =>
        Math.Max((Numpy.Percentile(targets, 95) - Numpy.Percentile(targets, 5)) / 2, Floor);
}
