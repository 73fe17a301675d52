using Orleans.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>Grain-call timeouts, for silos and clients alike.</summary>
public static class MessagingTimeouts
{
    /// <summary>
    /// Orleans 10 no longer cancels a timed-out call by default; grains should stop work nobody
    /// awaits. The timeout itself stays Orleans' default for every call but the ML ones, which carry
    /// their own (<see cref="Interfaces.MlCallTimeout"/>): raising it for all would let a stuck
    /// rate-limit or storage call hang for as long as a calibration may take.
    /// </summary>
    public static void Apply(MessagingOptions messaging) => messaging.CancelRequestOnTimeout = true;
}
