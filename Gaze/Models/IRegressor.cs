namespace Gaze.Models;

/// <summary>
/// A regression estimator: fitted once on rows of features, then asked for predictions.
/// Fit is not thread-safe. Once fitted, <see cref="Predict"/> only reads the fitted state, so a
/// fitted instance may serve concurrent predictions (the batch-prediction cache relies on this).
/// </summary>
public interface IRegressor
{
    /// <summary>
    /// Fits the estimator to <paramref name="rows"/> (n rows of p features) and <paramref name="targets"/> (n values).
    /// The iterative fits that can run long on many rows (SVR, random forest, SGD) stop with
    /// <see cref="OperationCanceledException"/> once <paramref name="cancellationToken"/> is cancelled;
    /// the closed-form and coordinate-descent fits are short enough to finish.
    /// </summary>
    void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default);

    /// <summary>
    /// Fits as <see cref="Fit(double[][], double[], CancellationToken)"/> does, reusing what earlier
    /// fits on the same <paramref name="training"/> set derived from it (the result is the same).
    /// </summary>
    void Fit(TrainingSet training, CancellationToken cancellationToken = default) => Fit(training.Rows, training.Targets, cancellationToken);

    /// <summary>Predicts one value per row.</summary>
    double[] Predict(double[][] rows);
}
