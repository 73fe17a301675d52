using System.Collections.Immutable;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Scheduling;
using Gaze.Selection;
using Orleans.Runtime;

namespace Gaze.Grains.Calibration;

/// <summary>
/// A calibration's steps in the cluster: each fold's grid-search fits as calls to
/// <see cref="IFoldFitGrain"/> (spread over the silos, each on that silo's ML threads), the other
/// steps on this silo's ML threads.
/// </summary>
/// <remarks>
/// One instance per calibration: all its work is one lane of every silo's ML threads, which take
/// turns between calibrations. A fold's candidates go in as many calls as the cluster has active
/// silos (at most one per candidate), so that even a calibration's 10 folds (5 per axis) can keep
/// every silo busy; more calls would ship the rows more often and repeat the fold's shared
/// preparation for nothing.
/// </remarks>
public sealed class SiloFitWork(IGrainFactory grains, IClusterMembershipService membership, MlThreads mlThreads) : IFitWork
{
    private readonly Guid _run = Guid.NewGuid();

    public async Task<double[]> ScoreAsync(FoldFits fits, CancellationToken cancellationToken)
    {
        var activeSilos = ActiveSilos.Count(membership);
        var slices = await Task.WhenAll(Slices(fits.Candidates.Count, activeSilos).Select(slice =>
            ScoreSliceAsync(fits.Slice(slice.Start, slice.Count), cancellationToken)));
        return [.. slices.SelectMany(scores => scores)];
    }

    /// <summary>
    /// Contiguous slices of <paramref name="candidates"/>, one per active silo at most, none empty:
    /// 10 candidates on 2 silos are 5 and 5; 5 on 4 silos are 2, 2 and 1.
    /// </summary>
    internal static IEnumerable<(int Start, int Count)> Slices(int candidates, int activeSilos)
    {
        var wanted = Math.Clamp(activeSilos, 1, Math.Max(candidates, 1));
        var perCall = Math.Max((candidates + wanted - 1) / wanted, 1);
        for (var start = 0; start < candidates; start += perCall)
        {
            yield return (start, Math.Min(perCall, candidates - start));
        }
    }

    public Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken) => mlThreads.RunAsync(step, _run, cancellationToken);

    private Task<double[]> ScoreSliceAsync(FoldFits fits, CancellationToken cancellationToken) =>
        grains.GetGrain<IFoldFitGrain>(Guid.NewGuid()).ScoreAsync(
            new FoldFitRequest(
                fits.Model,
                [.. fits.Candidates.Select(candidate => candidate.Values.ToImmutableDictionary(StringComparer.Ordinal))],
                fits.TrainRows,
                fits.TrainTargets,
                fits.TestRows,
                fits.TestTargets,
                _run),
            cancellationToken);
}
