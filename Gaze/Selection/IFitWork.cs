namespace Gaze.Selection;

/// <summary>
/// Where a calibration's CPU-bound steps run: each fit of a grid search on its own
/// (<see cref="ScoreAsync"/>), so they can run at once, and the other steps (refits, predictions,
/// clustering) through <see cref="RunAsync"/>. <see cref="InlineFitWork"/> runs everything on the
/// calling thread, one step after the other; the service spreads them over its ML threads and silos.
/// </summary>
public interface IFitWork
{
    /// <summary>The R² of <paramref name="fit"/>'s candidate on its fold.</summary>
    Task<double> ScoreAsync(FoldFit fit, CancellationToken cancellationToken);

    /// <summary>Runs a CPU-bound step that is not a fold fit.</summary>
    Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken);
}
