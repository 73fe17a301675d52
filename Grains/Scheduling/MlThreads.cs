using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gaze.Grains.Scheduling;

/// <summary>
/// Dedicated threads for CPU-bound fits and predictions, at a lower CPU priority
/// (<see cref="ThreadNiceness"/>). A grain awaits its work here instead of running it in its turn,
/// so ML never occupies the thread pool that rate-limit decisions, health checks and the HTTP
/// server run on: with every core busy fitting, those still find a thread at once, and the system
/// gives them the core first.
/// </summary>
/// <remarks>
/// .NET has no scheduler of dedicated threads (the thread pool is shared by everything), so this
/// small one is written here. The queue holds at most the grid-search fits of the calibrations
/// admitted at once (<c>Api:MlConcurrency</c> per node, a few hundred fits each) and one step per
/// running prediction; they are taken first come, first served.
/// </remarks>
public sealed partial class MlThreads : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static bool _isMlThread;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;
    private readonly ILogger<MlThreads> _logger;

    public MlThreads(IOptions<MlThreadsOptions> options, ILogger<MlThreads> logger)
    {
        _logger = logger;
        _threads = [.. Enumerable.Range(0, options.Value.Threads).Select(i => new Thread(Work) { IsBackground = true, Name = $"gaze-ml-{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs <paramref name="work"/> on an ML thread; it does not start if cancelled before a thread is free.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Work already on an ML thread may run inline; nothing else may, or it would run on the caller's thread.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _isMlThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        _isMlThread = true;
        if (!ThreadNiceness.LowerCurrentThread())
        {
            LogPriorityUnchanged(_logger, Thread.CurrentThread.Name);
        }

        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Could not lower the CPU priority of {Thread}; ML work competes with rate-limit decisions on equal terms")]
    private static partial void LogPriorityUnchanged(ILogger logger, string? thread);
}
