namespace Gaze.Grains.Storage;

/// <summary>The <c>Storage</c> section: <c>Storage:Provider</c> chooses the store, <c>Storage:Sqlite</c> configures the embedded one.</summary>
public static class StorageSettingNames
{
    public const string Section = "Storage";

    public const string Provider = "Provider";
}
