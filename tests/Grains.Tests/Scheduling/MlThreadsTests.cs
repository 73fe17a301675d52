using Gaze.Grains.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Scheduling;

public sealed class MlThreadsTests
{
    private static MlThreads Start(int threads) => new(Options.Create(new MlThreadsOptions { Threads = threads }), NullLogger<MlThreads>.Instance);

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
