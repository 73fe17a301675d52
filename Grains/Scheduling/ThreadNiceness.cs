using System.Runtime.InteropServices;

namespace Gaze.Grains.Scheduling;

/// <summary>
/// Lowers the calling thread's CPU priority, so that the operating system runs everything else of
/// the process (rate-limit decisions, health, request parsing) first whenever both want a core.
/// </summary>
/// <remarks>
/// On Linux that is the thread's nice value (per thread there, and raising it needs no privilege);
/// .NET's <see cref="Thread.Priority"/> does nothing on Linux, hence the system call. Elsewhere the
/// .NET priority is used.
/// </remarks>
internal static partial class ThreadNiceness
{
    /// <summary>Nice 10: a nice-0 thread gets about ten times its share of a contended core.</summary>
    public const int MlNice = 10;

    private const int PrioProcess = 0;

    /// <summary>True if the priority was lowered.</summary>
    public static bool LowerCurrentThread()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
            return true;
        }

        // With PRIO_PROCESS and a thread id, Linux applies the value to that thread only.
        return SetPriority(PrioProcess, GetThreadId(), MlNice) == 0;
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
