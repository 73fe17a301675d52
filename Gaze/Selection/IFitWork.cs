namespace Gaze.Selection;

/// <summary>
/// Where a calibration's CPU-bound steps run: the grid-search fits of each fold
/// (<see cref="ScoreAsync"/>), so folds and candidates can run at once, and the other steps
/// (refits, predictions, clustering) through <see cref="RunAsync"/>. <see cref="InlineFitWork"/>
/// runs everything on the calling thread, one step after the other; the service spreads them over
/// its ML threads and silos.
/// </summary>
public interface IFitWork
{
    /// <summary>The R² of each of <paramref name="fits"/>' candidates on its fold, in candidate order.</summary>
    Task<double[]> ScoreAsync(FoldFits fits, CancellationToken cancellationToken);

    /// <summary>Runs a CPU-bound step that is not a fold fit.</summary>
    Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken);
}
