namespace Gaze.Grains;

/// <summary>Names of the grain storages; every host registers a provider under each.</summary>
public static class StorageNames
{
    /// <summary>Per-client rate windows.</summary>
    public const string Rates = "rates";

    /// <summary>Stored calibrations by id.</summary>
    public const string Calibrations = "calibrations";
}
