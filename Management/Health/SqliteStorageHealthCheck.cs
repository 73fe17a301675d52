using Gaze.Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gaze.Management.Health;

/// <summary>
/// Ready when the SQLite file the grains store in exists and its table can be read. A read, not a
/// write lock, so frequent probes never compete with the grains' writes. Written here because the community SQLite check targets a much
/// older Microsoft.Data.Sqlite than the one the storage uses.
/// </summary>
public sealed class SqliteStorageHealthCheck(IOptions<SqliteGrainStorageOptions> options) : IHealthCheck
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = Path.GetFullPath(options.Value.DataSource),
        // A check must not create the file the storage lost.
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = 2,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM grain_state WHERE 0;";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"SQLite storage {options.Value.DataSource} answers.");
        }
        catch (SqliteException exception)
        {
            return HealthCheckResult.Unhealthy($"SQLite storage {options.Value.DataSource} does not answer: {exception.Message}", exception);
        }
    }
}
