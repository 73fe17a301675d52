using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Grains.Calibration;

/// <summary>
/// One calibration id's stored calibration; written through, so a save that returned is durable
/// and a save that failed leaves the previous record in place.
/// </summary>
public sealed class CalibrationStoreGrain(
    [PersistentState("calibration", StorageNames.Calibrations)] IPersistentState<CalibrationStoreState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ICalibrationStoreGrain
{
    public async Task<StoredCalibration> SaveAsync(CalibrationRecord record)
    {
        var now = time.GetUtcNow();
        var previous = state.State.Current;
        await WriteAsync(new StoredCalibration(record, previous?.CreatedAt ?? now, now, (previous?.Version ?? 0) + 1));
        return state.State.Current!;
    }

    public async Task<bool> SaveReportAsync(long version, CalibrationReport report)
    {
        if (state.State.Current is not { } current || current.Version != version)
        {
            return false;
        }

        await WriteAsync(current with { Report = report });
        return true;
    }

    public Task<StoredCalibration?> GetAsync() => Task.FromResult(state.State.Current);

    public Task<CalibrationRevision?> GetRevisionAsync() => Task.FromResult(state.State.Current?.Revision);

    private async Task WriteAsync(StoredCalibration next)
    {
        var previous = state.State.Current;
        state.State.Current = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Never serve a record that was not stored; and after a write that may have landed
            // anyway (a timeout), the ETag in memory is stale: a fresh activation reads the truth.
            state.State.Current = previous;
            DeactivateOnIdle();
            throw;
        }
    }
}
