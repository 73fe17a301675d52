using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaze.Grains.Hosting.Memory;

/// <summary>
/// Gives the memory of collected grains back to the system. When the clients of a busy hour go
/// quiet their rate grains are collected, but a quiet node allocates too little for the garbage
/// collector to run, so the freed memory stays committed (resident) at its peak. After enough
/// collections (Orleans' <c>orleans-catalog-activation-destroyed</c> counter, one per grain) on a quiet node
/// (<see cref="MemoryReturnPolicy"/>) this runs one aggressive collection, which compacts the heap
/// and decommits what it no longer needs. Written here because the runtime has no such setting:
/// its own memory-limit and conserve-memory knobs act only while it collects.
/// </summary>
public sealed partial class MemoryReturnService(TimeProvider time, ILogger<MemoryReturnService> logger) : BackgroundService
{
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string DestroyedInstrument = "orleans-catalog-activation-destroyed";

    private long _collected;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meters) =>
        {
            if (instrument.Meter.Name == OrleansMeter && instrument.Name == DestroyedInstrument)
            {
                meters.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, _, _) => Interlocked.Add(ref _collected, value));
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _collected, value));
        listener.Start();

        using var timer = new PeriodicTimer(MemoryReturnPolicy.CheckPeriod, time);
        var allocated = GC.GetTotalAllocatedBytes();
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = GC.GetTotalAllocatedBytes();
            var collected = Interlocked.Read(ref _collected);
            if (MemoryReturnPolicy.ShouldReturn(collected, now - allocated))
            {
                Interlocked.Add(ref _collected, -collected);
                ReturnMemory(collected);
            }

            allocated = now;
        }
    }

    private void ReturnMemory(long collectedGrains)
    {
        var before = GC.GetGCMemoryInfo().TotalCommittedBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var after = GC.GetGCMemoryInfo().TotalCommittedBytes;
        LogReturned(logger, collectedGrains, before / 1048576.0, after / 1048576.0);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CollectedGrains} grains were collected on a quiet node; GC memory committed {BeforeMiB:0} MiB -> {AfterMiB:0} MiB")]
    private static partial void LogReturned(ILogger logger, long collectedGrains, double beforeMiB, double afterMiB);
}
