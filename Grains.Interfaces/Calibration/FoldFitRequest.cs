using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>
/// The fits of a calibration's grid search on one fold, shipped whole to the silo that runs them:
/// candidates of a model, the rows they are trained on and the fold they are scored on
/// (standardised features). The rows travel once for all the candidates.
/// </summary>
/// <param name="Model">Model name, as in the calibration.</param>
/// <param name="Candidates">Each candidate's hyper-parameters by scikit-learn name, as invariant text.</param>
/// <param name="CalibrationRun">Which calibration the fits are for: each silo's ML threads take turns between calibrations.</param>
[GenerateSerializer, Immutable, Alias("Gaze.FoldFitRequest")]
public sealed record FoldFitRequest(
    [property: Id(0)] string Model,
    [property: Id(1)] ImmutableArray<ImmutableDictionary<string, string>> Candidates,
    [property: Id(2)] double[][] TrainRows,
    [property: Id(3)] double[] TrainTargets,
    [property: Id(4)] double[][] TestRows,
    [property: Id(5)] double[] TestTargets,
    [property: Id(6)] Guid CalibrationRun);
