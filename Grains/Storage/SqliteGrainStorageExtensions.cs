using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Gaze.Grains.Storage;

public static class SqliteGrainStorageExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteGrainStorage"/> under <paramref name="storageName"/>, with the bound
    /// <see cref="SqliteGrainStorageOptions"/>. State is written with Orleans' own binary codec: it
    /// already knows every <c>[GenerateSerializer]</c> state type (records, immutable arrays) and
    /// tolerates added fields by their <c>[Id]</c>.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder silo, string storageName)
    {
        silo.Services.AddGrainStorage(storageName, (services, name) => new SqliteGrainStorage(
            name,
            services.GetRequiredService<IOptions<SqliteGrainStorageOptions>>().Value,
            ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return silo;
    }
}
