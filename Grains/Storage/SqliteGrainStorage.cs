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
/// Statements run in batches (<see cref="SqliteBatches"/>) in WAL mode, and a write returns only
/// once its batch committed, so a write that returned survives a process kill. Written here because Orleans ships no SQLite provider
/// (its ADO.NET provider targets server databases and needs their scripts).
/// </remarks>
public sealed partial class SqliteGrainStorage(
    string storageName,
    SqliteGrainStorageOptions options,
    IGrainStorageSerializer serializer,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string SelectSql = "SELECT version, payload FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain";
    private const string SelectVersionSql = "SELECT version FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain";
    private const string DeleteSql = "DELETE FROM grain_state WHERE storage = $storage AND state = $state AND grain = $grain AND version = $version";

    // First write of a grain: succeeds only if no row exists (someone else may have created it).
    private const string InsertSql = """
        INSERT INTO grain_state (storage, state, grain, version, payload, updated_at)
        VALUES ($storage, $state, $grain, 1, $payload, $now)
        ON CONFLICT DO NOTHING RETURNING version
        """;

    private const string UpdateSql = """
        UPDATE grain_state SET version = version + 1, payload = $payload, updated_at = $now
        WHERE storage = $storage AND state = $state AND grain = $grain AND version = $version
        RETURNING version
        """;

    private readonly SqliteBatches _batches = new(new SqliteSchema(options));

    /// <summary>Creates the file and schema while the silo starts, so a bad path fails the start, not the first request.</summary>
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{storageName}", ServiceLifecycleStage.ApplicationServices, _ => _batches.Schema.EnsureCreatedAsync());

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainId.ToString();
        var (version, payload) = await _batches.RunAsync(batch =>
        {
            var command = Keyed(batch.Command(SelectSql), stateName, grain);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0L, null);
        });

        if (payload is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(payload)) ?? Activator.CreateInstance<T>();
        grainState.ETag = FormatETag(version);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var grain = grainId.ToString();
        var etag = grainState.ETag;
        var expected = etag is null ? (long?)null : ParseETag(etag);
        var (written, stored) = await _batches.RunAsync(batch =>
        {
            var command = Keyed(batch.Command(expected is null ? InsertSql : UpdateSql), stateName, grain);
            if (expected is { } version)
            {
                command.Parameters.AddWithValue("$version", version);
            }

            command.Parameters.AddWithValue("$payload", payload);
            command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            return command.ExecuteScalar() is long newVersion ? (newVersion, (long?)null) : (0L, ReadVersion(batch, stateName, grain));
        });

        if (written == 0)
        {
            throw Conflict(stateName, grainId, stored, etag);
        }

        grainState.ETag = FormatETag(written);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var grain = grainId.ToString();
        var etag = grainState.ETag;
        var expected = etag is null ? (long?)null : ParseETag(etag);
        var (cleared, stored) = await _batches.RunAsync(batch =>
        {
            if (expected is { } version)
            {
                var command = Keyed(batch.Command(DeleteSql), stateName, grain);
                command.Parameters.AddWithValue("$version", version);
                return command.ExecuteNonQuery() > 0 ? (true, (long?)null) : (false, ReadVersion(batch, stateName, grain));
            }

            // Clearing without an ETag while a row exists means this activation never saw that row.
            var existing = ReadVersion(batch, stateName, grain);
            return (existing is null, existing);
        });

        if (!cleared)
        {
            throw expected is null
                ? new InconsistentStateException($"Clear of {grainId} without an ETag, but version {stored} is stored.", FormatETag(stored!.Value), null, null)
                : Conflict(stateName, grainId, stored, etag);
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict(string stateName, GrainId grainId, long? stored, string? currentETag)
    {
        var storedETag = stored is { } v ? FormatETag(v) : null;
        LogConflict(logger, storageName, stateName, grainId, storedETag, currentETag);
        return new InconsistentStateException(
            $"Version conflict writing {stateName} of {grainId} to storage '{storageName}': stored ETag {storedETag ?? "none"}, ETag of the write {currentETag ?? "none"}.",
            storedETag,
            currentETag,
            null);
    }

    private long? ReadVersion(SqliteBatches.Batch batch, string stateName, string grain) =>
        Keyed(batch.Command(SelectVersionSql), stateName, grain).ExecuteScalar() is long version ? version : null;

    private SqliteCommand Keyed(SqliteCommand command, string stateName, string grain)
    {
        command.Parameters.AddWithValue("$storage", storageName);
        command.Parameters.AddWithValue("$state", stateName);
        command.Parameters.AddWithValue("$grain", grain);
        return command;
    }

    private static string FormatETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static long ParseETag(string etag) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"ETag '{etag}' was not issued by this storage.", null, etag, null);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage {Storage}: stale write of {State} for {GrainId} (stored {StoredETag}, written {CurrentETag})")]
    private static partial void LogConflict(ILogger logger, string storage, string state, GrainId grainId, string? storedETag, string? currentETag);
}
