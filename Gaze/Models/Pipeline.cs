using Gaze.Features;

namespace Gaze.Models;

/// <summary>Feature steps fitted on the training rows, then an estimator on their output.</summary>
public sealed class Pipeline(IReadOnlyList<IFeatureStep> steps, IRegressor estimator) : IRegressor
{
    public void Fit(double[][] rows, double[] targets, CancellationToken cancellationToken = default)
    {
        foreach (var step in steps)
        {
            step.Fit(rows);
            rows = step.Transform(rows);
        }

        estimator.Fit(rows, targets, cancellationToken);
    }

    public double[] Predict(double[][] rows)
    {
        foreach (var step in steps)
        {
            rows = step.Transform(rows);
        }

        return estimator.Predict(rows);
    }
}
