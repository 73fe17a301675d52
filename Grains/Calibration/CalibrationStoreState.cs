using Gaze.Grains.Interfaces.Calibration;

namespace Gaze.Grains.Calibration;

/// <summary>Persisted state of one calibration id.</summary>
[GenerateSerializer, Alias("Gaze.CalibrationStoreState")]
public sealed class CalibrationStoreState
{
    [Id(0)] public StoredCalibration? Current { get; set; }
}
