namespace Gaze.Grains.Gaze.Models;

/// <summary>
/// A regression estimator: fitted once on rows of features, then asked for predictions.
/// Instances hold fitted state and are not shared between requests or threads.
/// </summary>
public interface IRegressor
{
    /// <summary>Fits the estimator to <paramref name="rows"/> (n rows of p features) and <paramref name="targets"/> (n values).</summary>
    void Fit(double[][] rows, double[] targets);

    /// <summary>Predicts one value per row.</summary>
    double[] Predict(double[][] rows);
}
