namespace Gaze.Grains.Calibration;

/// <summary>
/// How many calibrations this silo is running now: a new one shares the ML threads with them, so
/// its estimate (<see cref="CalibrationAdmission"/>) counts them.
/// </summary>
public sealed class RunningCalibrations
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Counts a calibration until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        Interlocked.Increment(ref _count);
        return new Running(this);
    }

    private sealed class Running(RunningCalibrations owner) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                Interlocked.Decrement(ref owner._count);
            }
        }
    }
}
