using Gaze.Grains.Interfaces.Calibration;
using Orleans.Concurrency;

namespace Gaze.Grains.Interfaces;

/// <summary>The stored calibration of one id, visible to every node, durable across restarts.</summary>
public interface ICalibrationStoreGrain : IGrainWithStringKey
{
    /// <summary>Stores <paramref name="record"/>, replacing any earlier calibration with this id.</summary>
    Task<StoredCalibration> SaveAsync(CalibrationRecord record);

    /// <summary>
    /// Keeps <paramref name="report"/> with the stored record if that is still version
    /// <paramref name="version"/>; a report of a record replaced meanwhile is dropped (false).
    /// </summary>
    Task<bool> SaveReportAsync(long version, CalibrationReport report);

    /// <summary>The stored calibration, or null when none was stored under this id.</summary>
    [ReadOnly]
    Task<StoredCalibration?> GetAsync();

    /// <summary>
    /// Which record is stored now, or null when none is: a cheap freshness check for caches of
    /// models fitted on it.
    /// </summary>
    [ReadOnly]
    Task<CalibrationRevision?> GetRevisionAsync();
}
