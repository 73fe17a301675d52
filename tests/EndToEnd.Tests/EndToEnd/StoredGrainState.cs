using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace Gaze.Tests.EndToEnd;

/// <summary>Reads a grain's stored state straight from a database file, as the storage wrote it.</summary>
internal static class StoredGrainState
{
    private static readonly OrleansGrainStorageSerializer Serializer = ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(
        new ServiceCollection().AddSerializer(builder => builder.AddAssembly(typeof(Gaze.Grains.StorageNames).Assembly)).BuildServiceProvider());

    /// <summary>The state of the grain whose id ends with <paramref name="grainIdSuffix"/>, or null when none is stored.</summary>
    public static T? Read<T>(string databasePath, string storage, string grainIdSuffix)
        where T : class
    {
        if (!File.Exists(databasePath))
        {
            return null;
        }

        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE storage = $storage AND grain LIKE $grain";
        command.Parameters.AddWithValue("$storage", storage);
        command.Parameters.AddWithValue("$grain", "%" + grainIdSuffix);
        return command.ExecuteScalar() is byte[] payload ? Serializer.Deserialize<T>(new BinaryData(payload)) : null;
    }
}
