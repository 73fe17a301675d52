namespace Gaze.Api.Hosting;

/// <summary>
/// The time budget of the current ML request (one per request scope). Its clock starts when the
/// endpoint first asks for <see cref="Token"/>, that is when the ML work starts: reading the body
/// is not charged to it. <see cref="MlTimeBudgetFilter"/> sets the limit and answers when it runs out.
/// </summary>
public sealed class MlTimeBudget : IDisposable
{
    private CancellationTokenSource? _source;
    private CancellationToken _requestAborted;

    /// <summary>How long the work may take.</summary>
    public TimeSpan Limit { get; private set; } = Timeout.InfiniteTimeSpan;

    /// <summary>Cancelled when the budget runs out or the client goes away; pass it to the grain call.</summary>
    public CancellationToken Token => (_source ??= Start()).Token;

    /// <summary>Whether the budget ran out (rather than the client going away).</summary>
    public bool Expired => _source is { IsCancellationRequested: true } && !_requestAborted.IsCancellationRequested;

    internal void SetLimit(TimeSpan limit, CancellationToken requestAborted)
    {
        Limit = limit;
        _requestAborted = requestAborted;
    }

    public void Dispose() => _source?.Dispose();

    private CancellationTokenSource Start()
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(_requestAborted);
        source.CancelAfter(Limit);
        return source;
    }
}
