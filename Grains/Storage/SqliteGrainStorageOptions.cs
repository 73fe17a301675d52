namespace Gaze.Grains.Storage;

/// <summary>Settings of the embedded SQLite grain storage (configuration section <c>Storage:Sqlite</c>).</summary>
public sealed class SqliteGrainStorageOptions
{
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Path of the database file; relative paths are resolved against the working directory.</summary>
    public string DataSource { get; set; } = Path.Combine("data", "gaze.db");

    /// <summary>SQLite <c>synchronous</c> pragma in WAL mode; see <see cref="SqliteSynchronous"/>.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>How long a writer waits for the database lock held by another writer before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
