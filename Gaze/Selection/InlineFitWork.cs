namespace Gaze.Selection;

/// <summary>
/// Every step at once on the calling thread, in the order asked: the returned tasks are already
/// complete, so a synchronous caller may wait on them without blocking anything.
/// </summary>
public sealed class InlineFitWork : IFitWork
{
    public static readonly InlineFitWork Instance = new();

    private InlineFitWork()
    {
    }

    public Task<double[]> ScoreAsync(FoldFits fits, CancellationToken cancellationToken) => RunAsync(() => fits.ScoreAll(cancellationToken), cancellationToken);

    public Task<T> RunAsync<T>(Func<T> step, CancellationToken cancellationToken)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(step());
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }
}
