using System.Collections.Immutable;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Selection;

namespace Gaze.Grains.Calibration;

/// <summary>
/// A calibration's steps in the cluster: every grid-search fit as a call to its own
/// <see cref="IFoldFitGrain"/> (spread over the silos, each on that silo's ML threads), the other
/// steps on this silo's ML threads.
/// </summary>
public sealed class SiloFitWork(IGrainFactory grains, MlThreads mlThreads) : IFitWork
{
    public Task<double> ScoreAsync(FoldFit fit, CancellationToken cancellationToken) =>
        grains.GetGrain<IFoldFitGrain>(Guid.NewGuid()).ScoreAsync(
            new FoldFitRequest(fit.Model, fit.Parameters.Values.ToImmutableDictionary(StringComparer.Ordinal), fit.TrainRows, fit.TrainTargets, fit.TestRows, fit.TestTargets),
            cancellationToken);

    public Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken) => mlThreads.RunAsync(step, cancellationToken);
}
