using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>
/// One fit of a calibration's grid search, shipped whole to the silo that runs it: a candidate of
/// a model, the rows it is trained on and the fold it is scored on (standardised features).
/// </summary>
/// <param name="Model">Model name, as in the calibration.</param>
/// <param name="Parameters">The candidate's hyper-parameters by scikit-learn name, as invariant text.</param>
[GenerateSerializer, Immutable, Alias("Gaze.FoldFitRequest")]
public sealed record FoldFitRequest(
    [property: Id(0)] string Model,
    [property: Id(1)] ImmutableDictionary<string, string> Parameters,
    [property: Id(2)] double[][] TrainRows,
    [property: Id(3)] double[] TrainTargets,
    [property: Id(4)] double[][] TestRows,
    [property: Id(5)] double[] TestTargets);
