using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Gaze.Grains.Storage;

public static class SqliteGrainStorageExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGrainStorage"/> under <paramref name="storageName"/>. State is
    /// written with Orleans' own binary codec: it already knows every <c>[GenerateSerializer]</c>
    /// state type (records, immutable arrays) and tolerates added fields by their <c>[Id]</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string storageName, SqliteGrainStorageOptions options)
    {
        silo.Services.AddGrainStorage(storageName, (services, name) => new SqliteGrainStorage(
            name,
            options,
            ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }

    /// <summary>Reads <see cref="SqliteGrainStorageOptions"/> from the <c>Storage:Sqlite</c> section.</summary>
    public static SqliteGrainStorageOptions GetSqliteStorageOptions(this IConfiguration configuration) =>
        configuration.GetSection(SqliteGrainStorageOptions.SectionName).Get<SqliteGrainStorageOptions>() ?? new SqliteGrainStorageOptions();
}
