using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Storage;

/// <summary>Where both grain stores (rate windows, calibrations) live (<c>Storage:Provider</c>).</summary>
[TypeConverter(typeof(SettingEnumConverter<StorageProvider>))]
public enum StorageProvider
{
    /// <summary>An embedded SQLite file per process (<c>Storage:Sqlite</c>).</summary>
    Sqlite,

    /// <summary>Redis (<c>ConnectionStrings:Redis</c>), shared by every silo of the cluster.</summary>
    Redis,
}
