namespace Gaze.Prediction;

/// <summary>
/// How well a stateless calibration maps its own validation samples onto its targets
/// (docs/algorithms.md section 4.1), in screen pixels, rounded to 2 decimals as the reference reports them.
/// Every error is null, with quality "Unknown", when there are no validation samples per target
/// (then <c>samples</c> is 0 and <c>points</c> the number of targets), or no targets at all (then
/// every count is null too).
/// </summary>
public sealed record ValidationMetrics(
    int? Samples,
    int? Points,
    double? MeanErrorPx,
    double? MedianErrorPx,
    double? RmsePx,
    double? HorizontalMaePx,
    double? VerticalMaePx,
    double? Accuracy50Px,
    double? Accuracy100Px,
    string Quality,
    IReadOnlyList<ValidationPointMetrics> PointsDetail)
{
    public static readonly ValidationMetrics Unknown = new(null, null, null, null, null, null, null, null, null, "Unknown", []);
}

/// <summary>Errors of the validation samples attributed to one target.</summary>
public sealed record ValidationPointMetrics(
    double TargetX,
    double TargetY,
    int Samples,
    double MeanErrorPx,
    double StdErrorPx,
    double Accuracy50Px,
    double Accuracy100Px);
