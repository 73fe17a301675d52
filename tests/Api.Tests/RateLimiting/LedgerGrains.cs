using System.Collections.Immutable;
using System.Reflection;
using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using Gaze.Grains.RateLimiting;

namespace Gaze.Tests.RateLimiting;

/// <summary>
/// Rate grains without a silo: each client's windows in a <see cref="RateState"/>, decided by the
/// grain's own <see cref="RateLedger"/> on a test clock, with every call counted. A call may take
/// <see cref="Latency"/> on its way back, during which the clock runs on.
/// </summary>
internal sealed class LedgerGrains(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
{
    private readonly Dictionary<string, RateState> _states = [];
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = clock;

    public IGrainFactory Factory => _factory ??= CreateFactory();

    private IGrainFactory? _factory;

    public int Calls { get; private set; }

    public TimeSpan Latency { get; set; }

    /// <summary>What the client's grain would decide now, without consuming: the truth a cached answer must match.</summary>
    public RateDecision WouldDecide(string clientKey, RatePolicy policy) => RateLedger.Decide(State(clientKey), policy, _clock.GetUtcNow(), consume: false);

    private RateState State(string clientKey) => _states.TryGetValue(clientKey, out var state) ? state : _states[clientKey] = new RateState();

    private IGrainFactory CreateFactory()
    {
        var factory = DispatchProxy.Create<IGrainFactory, GrainFactoryProxy>();
        ((GrainFactoryProxy)(object)factory).Grains = this;
        return factory;
    }

    private sealed class Grain(LedgerGrains grains, string key) : IRateGrain
    {
        public ValueTask<RateDecision> AcquireAsync(RatePolicy policy, CancellationToken cancellationToken = default)
        {
            grains.Calls++;
            var decision = RateLedger.Decide(grains.State(key), policy, grains._clock.GetUtcNow(), consume: true);
            grains._clock.Advance(grains.Latency);
            return ValueTask.FromResult(decision);
        }

        public ValueTask RefundAsync(RatePolicy policy, DateTimeOffset admittedAt, CancellationToken cancellationToken = default)
        {
            grains.Calls++;
            RateLedger.Refund(grains.State(key), policy, admittedAt, grains._clock.GetUtcNow());
            return ValueTask.CompletedTask;
        }

        public ValueTask<ImmutableArray<RateDecision>> PeekAsync(ImmutableArray<RatePolicy> policies) =>
            ValueTask.FromResult(policies.Select(policy => grains.WouldDecide(key, policy)).ToImmutableArray());
    }

    /// <summary>Answers <c>GetGrain&lt;IRateGrain&gt;(key)</c>, the one call the gate makes; anything else is a test error.</summary>
    public class GrainFactoryProxy : DispatchProxy
    {
        internal LedgerGrains Grains { get; set; } = null!;

        protected override object? Invoke(MethodInfo? method, object?[]? args) =>
            method is { Name: nameof(IGrainFactory.GetGrain) } && method.ReturnType == typeof(IRateGrain) && args?[0] is string key
                ? new Grain(Grains, key)
                : throw new NotSupportedException($"The ledger grain factory has no {method}.");
    }
}
