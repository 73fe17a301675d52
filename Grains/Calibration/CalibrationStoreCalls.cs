using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace Gaze.Grains.Calibration;

/// <summary>
/// Calls to a calibration's store grain. Failures of its storage or of reaching it (Redis, SQLite,
/// timeouts, Orleans' own storage and transport errors, anywhere in the exception chain) mean the
/// store is unavailable; anything else is a fault and surfaces as one.
/// </summary>
public static class CalibrationStoreCalls
{
    public static async Task<T> ReachAsync<T>(Task<T> call, string calibrationId)
    {
        try
        {
            return await call;
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new CalibrationStoreUnavailableException(calibrationId, exception);
        }
    }

    private static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RedisException or SqliteException or TimeoutException or OrleansException or IOException or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
