using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Interfaces.RateLimiting;

/// <summary>How a window is counted; written <c>moving-window</c> or <c>fixed-window</c> in configuration.</summary>
[GenerateSerializer, Alias("Gaze.RateStrategy")]
[TypeConverter(typeof(SettingEnumConverter<RateStrategy>))]
public enum RateStrategy
{
    /// <summary>Admit only if fewer than N admissions happened in the last W (exact, no burst at a window edge).</summary>
    MovingWindow = 0,

    /// <summary>Windows of length W starting at the first hit after the previous window ended (flask-limiter's default).</summary>
    FixedWindow = 1,
}
