using System.ComponentModel;
using Gaze.Grains.Interfaces.Configuration;

namespace Gaze.Grains.Hosting;

/// <summary>What an API process is to the cluster (<c>Orleans:Role</c>).</summary>
[TypeConverter(typeof(SettingEnumConverter<OrleansRole>))]
public enum OrleansRole
{
    /// <summary>The API process is also a silo and calls its grains in process (the embedded default).</summary>
    Cohosted,

    /// <summary>The API process is an Orleans client of the silos, reached through their gateways.</summary>
    Client,
}
