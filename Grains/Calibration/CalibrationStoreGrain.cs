using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.Calibration;
using Microsoft.Extensions.DependencyInjection;

namespace Gaze.Grains.Calibration;

/// <summary>One calibration id's stored calibration; written through, so a save that returned is durable.</summary>
public sealed class CalibrationStoreGrain(
    [PersistentState("calibration", StorageNames.Calibrations)] IPersistentState<CalibrationStoreState> state,
    [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider time) : Grain, ICalibrationStoreGrain
{
    public async Task<StoredCalibration> SaveAsync(CalibrationRecord record)
    {
        var now = time.GetUtcNow();
        var previous = state.State.Current;
        state.State.Current = new StoredCalibration(record, previous?.CreatedAt ?? now, now, (previous?.Version ?? 0) + 1);
        await state.WriteStateAsync();
        return state.State.Current;
    }

    public Task<StoredCalibration?> GetAsync() => Task.FromResult(state.State.Current);

    public Task<CalibrationRevision?> GetRevisionAsync() => Task.FromResult(state.State.Current?.Revision);
}
