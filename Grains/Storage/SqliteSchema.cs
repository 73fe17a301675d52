using Microsoft.Data.Sqlite;

namespace Gaze.Grains.Storage;

/// <summary>
/// Opens connections to the storage file and creates its schema once per process.
/// </summary>
internal sealed class SqliteSchema
{
    private readonly string _connectionString;
    private readonly string _synchronous;
    private readonly Lazy<Task> _created;

    public SqliteSchema(SqliteGrainStorageOptions options)
    {
        var fullPath = Path.GetFullPath(options.DataSource);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        _synchronous = options.Synchronous.ToString().ToUpperInvariant();
        _created = new Lazy<Task>(() => CreateAsync(fullPath));
    }

    public Task EnsureCreatedAsync() => _created.Value;

    public async Task<SqliteConnection> OpenAsync()
    {
        await EnsureCreatedAsync();
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        // Per-connection setting: WAL itself is persistent in the file, synchronous is not.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous = {_synchronous};";
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task CreateAsync(string fullPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                storage    TEXT    NOT NULL,
                state      TEXT    NOT NULL,
                grain      TEXT    NOT NULL,
                version    INTEGER NOT NULL,
                payload    BLOB    NOT NULL,
                updated_at INTEGER NOT NULL,
                PRIMARY KEY (storage, state, grain)
            ) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
