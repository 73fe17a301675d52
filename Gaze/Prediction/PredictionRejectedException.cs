namespace Gaze.Prediction;

/// <summary>Well-formed data that cannot be mapped (answered 422 with <see cref="Exception.Message"/> as the reason).</summary>
public sealed class PredictionRejectedException(string reason) : Exception(reason);
