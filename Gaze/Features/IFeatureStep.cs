namespace Gaze.Features;

/// <summary>A feature transformation of a pipeline: fitted on training rows, then applied to any rows.</summary>
public interface IFeatureStep
{
    void Fit(double[][] rows);

    double[][] Transform(double[][] rows);
}
