using Gaze.Grains.Storage;

namespace Gaze.Grains.Hosting.Settings;

/// <summary>Checks the <c>Storage:Sqlite</c> section.</summary>
public sealed class SqliteGrainStorageOptionsValidator() : SettingsValidator<SqliteGrainStorageOptions>(SqliteGrainStorageOptions.SectionName)
{
    protected override void Check(SqliteGrainStorageOptions options, SettingErrors errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(options.DataSource), nameof(options.DataSource), "must name the database file");
        // SQLite takes the timeout in whole seconds as an int.
        errors.Require(options.BusyTimeout >= TimeSpan.Zero && options.BusyTimeout.TotalSeconds <= int.MaxValue, nameof(options.BusyTimeout),
            $"must be between 0 and {int.MaxValue} seconds, not {options.BusyTimeout}");
    }
}
