namespace Gaze.Grains.Scheduling;

/// <summary>The threads a silo runs CPU-bound ML work on (configuration section <c>Ml</c>).</summary>
public sealed class MlThreadsOptions
{
    public const string SectionName = "Ml";

    /// <summary>Fits and predictions running at once on this silo; more wait for a free thread.</summary>
    public int Threads { get; set; } = Environment.ProcessorCount;
}
