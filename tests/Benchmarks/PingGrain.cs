using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Benchmarks;

/// <summary>
/// Grain calls that do no work, to tell apart what a rate decision costs: the Orleans call itself
/// (<see cref="PingAsync"/>), and the call carrying the decision's argument and answer without
/// deciding anything (<see cref="EchoAsync"/>).
/// </summary>
public interface IPingGrain : IGrainWithStringKey
{
    ValueTask<int> PingAsync();

    ValueTask<RateDecision> EchoAsync(RatePolicy policy, CancellationToken cancellationToken = default);
}

public sealed class PingGrain : Grain, IPingGrain
{
    private RateDecision? _answer;

    public ValueTask<int> PingAsync() => ValueTask.FromResult(1);

    // The answer is built once: only the call and its argument and result are measured.
    public ValueTask<RateDecision> EchoAsync(RatePolicy policy, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_answer ??= new RateDecision(true, [.. policy.Rules.Select(rule => new RateLimitUsage(rule, rule.Permits, DateTimeOffset.UnixEpoch))], DateTimeOffset.UnixEpoch, TimeSpan.Zero, null));
}
