namespace Gaze.Prediction;

/// <summary>Predicted gaze points in screen pixels, one per input sample, in input order.</summary>
public sealed record GazePredictions(double[] X, double[] Y)
{
    public int Count => X.Length;
}
