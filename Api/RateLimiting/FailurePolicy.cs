using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Api.RateLimiting;

/// <summary>What to do when the limiter cannot decide; written <c>open</c> or <c>closed</c> in configuration.</summary>
[TypeConverter(typeof(SettingEnumConverter<FailurePolicy>))]
public enum FailurePolicy
{
    /// <summary>Admit the request (and log): availability over protection.</summary>
    Open,

    /// <summary>Refuse with 503 and <c>Retry-After: 1</c>: protection over availability.</summary>
    Closed,
}
