namespace Gaze.Grains.Calibration;

/// <summary>Calls to a calibration's store grain, whose only work is storage: any failure but cancellation means the store is unavailable.</summary>
public static class CalibrationStoreCalls
{
    public static async Task<T> ReachAsync<T>(Task<T> call, string calibrationId)
    {
        try
        {
            return await call;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new CalibrationStoreUnavailableException(calibrationId, exception);
        }
    }
}
