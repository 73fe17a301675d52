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
/// Calibration work is queued by lane, one lane per calibration (its hundreds of grid-search fits,
/// its refits and clustering), and the threads take the lanes in turn (round robin), each lane's
/// work first come, first served: calibrations running at once share the threads evenly, and a
/// short one waits for one fit of each of the others, not for all their fits. Work queued without
/// a lane (a batch prediction's step, milliseconds) is interactive: every thread takes it before
/// any lane, and <c>Ml:InteractiveThreads</c> more threads take only it, so it starts at once and
/// shares a core with the fits instead of waiting for one to end (a fit can take a second).
/// .NET has no scheduler of dedicated threads with such turns (the thread pool is shared by
/// everything), so this small one is written here.
/// </remarks>
public sealed partial class MlThreads : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static bool _isMlThread;

    private readonly object _gate = new();
    private readonly Dictionary<object, Queue<Task>> _lanes = [];
    private readonly Queue<object> _turns = new(); // lanes with queued work, in the order they get a thread
    private readonly Queue<Task> _interactive = new();
    private readonly Thread[] _threads;
    private readonly ILogger<MlThreads> _logger;
    private bool _disposed;

    public MlThreads(IOptions<MlThreadsOptions> options, ILogger<MlThreads> logger)
    {
        _logger = logger;
        var threads = options.Value;
        _threads =
        [
            .. Enumerable.Range(0, threads.Threads).Select(i => new Thread(() => Work(interactiveOnly: false)) { IsBackground = true, Name = $"gaze-ml-{i}" }),
            .. Enumerable.Range(0, threads.InteractiveThreads).Select(i => new Thread(() => Work(interactiveOnly: true)) { IsBackground = true, Name = $"gaze-ml-interactive-{i}" }),
        ];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    /// <summary>Runs short, interactive <paramref name="work"/> on an ML thread; it does not start if cancelled before a thread is free.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken) => RunAsync(work, lane: null, cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on an ML thread in <paramref name="lane"/> (any object that
    /// stands for one calibration, compared by equality; null for interactive work).
    /// </summary>
    public Task<T> RunAsync<T>(Func<T> work, object? lane, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(static state => ((LaneWork<T>)state!).Work(), new LaneWork<T>(work, lane), cancellationToken, TaskCreationOptions.DenyChildAttach, this);

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            Monitor.PulseAll(_gate);
        }
    }

    protected override void QueueTask(Task task)
    {
        var lane = (task.AsyncState as ILaneWork)?.Lane;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (lane is null)
            {
                _interactive.Enqueue(task);
                Monitor.PulseAll(_gate);
                return;
            }

            if (!_lanes.TryGetValue(lane, out var queue))
            {
                _lanes[lane] = queue = new Queue<Task>();
                _turns.Enqueue(lane);
            }

            queue.Enqueue(task);
            // All: a single pulse could reach an interactive-only thread, which would not take it.
            Monitor.PulseAll(_gate);
        }
    }

    // Work already on an ML thread may run inline; nothing else may, or it would run on the caller's thread.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _isMlThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _interactive, .. _lanes.Values.SelectMany(queue => queue)];
        }
    }

    private void Work(bool interactiveOnly)
    {
        _isMlThread = true;
        if (!ThreadNiceness.LowerCurrentThread())
        {
            LogPriorityUnchanged(_logger, Thread.CurrentThread.Name);
        }

        while (Next(interactiveOnly) is { } task)
        {
            TryExecuteTask(task);
        }
    }

    /// <summary>
    /// The oldest interactive task, else the first task of the lane whose turn it is (that lane then
    /// goes to the back); null once disposed and drained.
    /// </summary>
    private Task? Next(bool interactiveOnly)
    {
        lock (_gate)
        {
            while (_interactive.Count == 0 && (interactiveOnly || _turns.Count == 0))
            {
                if (_disposed)
                {
                    return null;
                }

                Monitor.Wait(_gate);
            }

            if (_interactive.TryDequeue(out var interactive))
            {
                return interactive;
            }

            var lane = _turns.Dequeue();
            var queue = _lanes[lane];
            var task = queue.Dequeue();
            if (queue.Count > 0)
            {
                _turns.Enqueue(lane);
            }
            else
            {
                _lanes.Remove(lane);
            }

            return task;
        }
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "Could not lower the CPU priority of {Thread}; ML work competes with rate-limit decisions on equal terms")]
    private static partial void LogPriorityUnchanged(ILogger logger, string? thread);

    private interface ILaneWork
    {
        object? Lane { get; }
    }

    private sealed record LaneWork<T>(Func<T> Work, object? Lane) : ILaneWork;
}
