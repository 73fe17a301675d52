using Gaze.Calibration;
using Gaze.Prediction;
using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Grain-call timeouts that fit the ML time budgets, for silos and clients alike.</summary>
public static class MessagingTimeouts
{
    /// <summary>
    /// Orleans 10 no longer cancels a timed-out call by default; grains should stop work nobody awaits.
    /// Calls wait long enough for a calibration or a batch to use its whole time budget.
    /// </summary>
    public static void Apply(MessagingOptions messaging, CalibrationOptions calibration, PredictionOptions prediction)
    {
        var longestBudget = TimeSpan.FromTicks(Math.Max(calibration.TimeBudget.Ticks, prediction.TimeBudget.Ticks));
        messaging.CancelRequestOnTimeout = true;
        messaging.ResponseTimeout = TimeSpan.FromTicks(Math.Max(messaging.ResponseTimeout.Ticks, (longestBudget + TimeSpan.FromSeconds(30)).Ticks));
    }
}
