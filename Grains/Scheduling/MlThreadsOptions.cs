namespace Gaze.Grains.Scheduling;

/// <summary>The threads a silo runs CPU-bound ML work on (configuration section <c>Ml</c>).</summary>
public sealed class MlThreadsOptions
{
    public const string SectionName = "Ml";

    /// <summary>Fits and predictions running at once on this silo; more wait for a free thread.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Threads beyond <see cref="Threads"/> that run only work queued without a lane (batch
    /// predictions), so a millisecond batch shares a core with the running fits at once instead of
    /// waiting for one of them to end; the other threads take such work first too.
    /// </summary>
    public int InteractiveThreads { get; set; } = 1;
}
