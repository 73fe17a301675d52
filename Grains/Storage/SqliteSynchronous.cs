using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Storage;

/// <summary>
/// SQLite's <c>synchronous</c> pragma values that keep a returned write (<c>OFF</c> does not, so it
/// is not offered). Written <c>NORMAL</c>, <c>FULL</c> or <c>EXTRA</c> in configuration, any case.
/// </summary>
[TypeConverter(typeof(SettingEnumConverter<SqliteSynchronous>))]
public enum SqliteSynchronous
{
    /// <summary>Every committed write survives a process kill (WAL mode).</summary>
    Normal,

    /// <summary>Also survives a power loss, at one fsync per write.</summary>
    Full,

    /// <summary>As <see cref="Full"/>, and also syncs the directory after deleting a journal.</summary>
    Extra,
}
