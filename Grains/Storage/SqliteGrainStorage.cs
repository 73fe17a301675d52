using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Gaze.Grains.Storage;

/// <summary>
/// Durable <see cref="IGrainStorage"/> in one local SQLite file, so the embedded deployment keeps
/// rate windows and calibrations across restarts without a database server.
/// </summary>
/// <remarks>
/// Optimistic concurrency: the ETag is a per-row version number. A write or clear carrying a stale
/// ETag changes nothing and throws <see cref="InconsistentStateException"/>, as Orleans expects.
/// Every statement is a single auto-committed statement in WAL mode, so a write that returned has
/// been committed and survives a process kill. Written here because Orleans ships no SQLite provider
/// (its ADO.NET provider targets server databases and needs their scripts).
/// </remarks>
public sealed partial class SqliteGrainStorage(
    string storageName,
    SqliteGrainStorageOptions options,
    IGrainStorageSerializer serializer,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly SqliteSchema _schema = new(options);

    /// <summary>Creates the file and schema while the silo starts, so a bad path fails the start, not the first request.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{storageName}", ServiceLifecycleStage.ApplicationServices, _ => _schema.EnsureCreatedAsync());

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _schema.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, payload FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain";
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var version = reader.GetInt64(0);
        var payload = (byte[])reader.GetValue(1);
        grainState.State = serializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        await using var connection = await _schema.OpenAsync();
        await using var command = connection.CreateCommand();
        if (grainState.ETag is null)
        {
            // First write of this grain: succeeds only if no row exists (someone else may have created it).
            command.CommandText = """
                INSERT INTO grain_state (storage, state, grain, version, payload, updated_at)
                VALUES ($storage, $state, $grain, 1, $payload, $now)
                ON CONFLICT DO NOTHING RETURNING version
                """;
        }
        else
        {
            command.CommandText = """
                UPDATE grain_state SET version = version + 1, payload = $payload, updated_at = $now
                WHERE storage = $storage AND state = $state AND grain = $grain AND version = $version
                RETURNING version
                """;
            command.Parameters.AddWithValue("$version", ParseETag(grainState.ETag));
        }

        AddKey(command, stateName, grainId);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var newVersion = await command.ExecuteScalarAsync();
        if (newVersion is null)
        {
            throw await ConflictAsync(connection, stateName, grainId, grainState.ETag);
        }

        grainState.ETag = FormatETag((long)newVersion);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await _schema.OpenAsync();
        if (grainState.ETag is not null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain AND version = $version";
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$version", ParseETag(grainState.ETag));
            if (await command.ExecuteNonQueryAsync() == 0)
            {
                throw await ConflictAsync(connection, stateName, grainId, grainState.ETag);
            }
        }
        else if (await ReadVersionAsync(connection, stateName, grainId) is { } stored)
        {
            // Clearing without an ETag while a row exists means this activation never saw that row.
            throw new InconsistentStateException($"Clear of {grainId} without an ETag, but version {stored} is stored.", FormatETag(stored), null, null);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task<InconsistentStateException> ConflictAsync(SqliteConnection connection, string stateName, GrainId grainId, string? currentETag)
    {
        var stored = await ReadVersionAsync(connection, stateName, grainId);
        var storedETag = stored is { } v ? FormatETag(v) : null;
        LogConflict(logger, storageName, stateName, grainId, storedETag, currentETag);
        return new InconsistentStateException(
            $"Version conflict writing {stateName} of {grainId} to storage '{storageName}': stored ETag {storedETag ?? "none"}, ETag of the write {currentETag ?? "none"}.",
            storedETag,
            currentETag,
            null);
    }

    private async Task<long?> ReadVersionAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain";
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync() is long version ? version : null;
    }

    private void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$storage", storageName);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' was not issued by this storage.", null, etag, null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Storage}: stale write of {State} for {GrainId} (stored {StoredETag}, written {CurrentETag})")]
    private static partial void LogConflict(ILogger logger, string storage, string state, GrainId grainId, string? storedETag, string? currentETag);
}
