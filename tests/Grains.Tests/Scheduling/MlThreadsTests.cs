using Gaze.Grains.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Scheduling;

public sealed class MlThreadsTests
{
    private static MlThreads Start(int threads, int interactiveThreads = 0) =>
        new(Options.Create(new MlThreadsOptions { Threads = threads, InteractiveThreads = interactiveThreads }), NullLogger<MlThreads>.Instance);

    [Fact]
    public async Task Work_runs_on_a_dedicated_thread_not_the_thread_pool()
    {
        using var threads = Start(2);

        var (name, isPoolThread) = await threads.RunAsync(() => (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread), CancellationToken.None);

        Assert.StartsWith("gaze-ml-", name);
        Assert.False(isPoolThread);
    }

    [LinuxFact]
    public async Task On_Linux_the_ml_threads_run_at_a_lower_priority()
    {
        using var threads = Start(1);

        // Field 19 of /proc/thread-self/stat is the thread's nice value (after the name in parentheses).
        var nice = await threads.RunAsync(() => int.Parse(File.ReadAllText("/proc/thread-self/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16]), CancellationToken.None);

        Assert.Equal(ThreadNiceness.MlNice, nice);
    }

    [Fact]
    public async Task Work_cancelled_while_waiting_for_a_thread_never_runs()
    {
        using var threads = Start(1);
        using var release = new ManualResetEventSlim();
        var busy = threads.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var ran = false;
        var waiting = threads.RunAsync(() => ran = true, cancel.Token);

        await cancel.CancelAsync();
        release.Set();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.True(await busy);
        Assert.False(ran);
    }

    [Fact]
    public async Task Lanes_take_turns_and_interactive_work_goes_first()
    {
        using var threads = Start(1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var order = new List<string>();
        var busy = threads.RunAsync(Blocking(started, release), "calibration A", CancellationToken.None);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the ML thread never started");
        var a = Enumerable.Range(1, 5).Select(i => threads.RunAsync(() => Record(order, $"A{i}"), "calibration A", CancellationToken.None)).ToArray();
        var b = Enumerable.Range(1, 3).Select(i => threads.RunAsync(() => Record(order, $"B{i}"), "calibration B", CancellationToken.None)).ToArray();
        var prediction = threads.RunAsync(() => Record(order, "prediction"), CancellationToken.None);

        release.Set();
        await Task.WhenAll([busy, .. a, .. b, prediction]).WaitAsync(TimeSpan.FromSeconds(30));

        // The thread was busy with A's first item; then the interactive work, then each lane in turn, one item each.
        Assert.Equal(["prediction", "A1", "B1", "A2", "B2", "A3", "B3", "A4", "A5"], order);
    }

    [Fact]
    public async Task Interactive_work_runs_while_every_fitting_thread_is_busy()
    {
        using var threads = Start(1, interactiveThreads: 1);
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var fit = threads.RunAsync(Blocking(started, release), "calibration", CancellationToken.None);
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the fitting thread never started");

        var name = await threads.RunAsync(() => Thread.CurrentThread.Name, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        release.Set();

        Assert.Equal("gaze-ml-interactive-0", name);
        Assert.True(await fit);
    }

    /// <summary>Work that says it started, then holds its thread until released.</summary>
    private static Func<bool> Blocking(ManualResetEventSlim started, ManualResetEventSlim release) => () =>
    {
        started.Set();
        return release.Wait(TimeSpan.FromSeconds(30));
    };

    private static bool Record(List<string> order, string item)
    {
        lock (order)
        {
            order.Add(item);
        }

        return true;
    }
}

/// <summary>A fact that reports itself skipped on other systems than Linux, where thread nice values do not exist.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Thread nice values are a Linux notion.";
        }
    }
}
