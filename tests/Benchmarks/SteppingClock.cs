namespace Gaze.Benchmarks;

/// <summary>
/// Real time plus an offset that grows by <see cref="Step"/> at every reading, so a benchmark can
/// replay a client that calls at a steady pace (and is always admitted) as fast as the CPU allows.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Step { get; set; }

    public override DateTimeOffset GetUtcNow() =>
        base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Add(ref _offsetTicks, Step.Ticks));
}
