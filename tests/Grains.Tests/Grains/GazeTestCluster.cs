using Gaze.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace Gaze.Tests.Grains;

/// <summary>
/// An in-process cluster configured like production (SQLite storage in a temporary file, the
/// same grain registrations) with a fake clock for the grains.
/// </summary>
public sealed class GazeTestCluster : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "gaze-cluster-" + Guid.NewGuid().ToString("N"));

    public GazeTestCluster(short silos)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["Storage:Sqlite:DataSource"] = Path.Combine(_directory, "gaze.db") }));
        builder.ConfigureSilo((_, silo) =>
        {
            // Only grain code and grain timers follow the fake clock; membership and other
            // infrastructure loops keep real time so advancing the clock cannot spin them.
            silo.Services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, Clock);
            silo.AddGazeGrains();
        });
        Cluster = builder.Build();
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public InProcessTestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.Client;

    public Task StartAsync() => Cluster.DeployAsync().WaitAsync(TimeSpan.FromMinutes(2));

    /// <summary>Advances the fake clock off the test thread, since due grain timers run inline.</summary>
    public Task AdvanceAsync(TimeSpan by) => Task.Run(() => Clock.Advance(by)).WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Whether the rate grain of <paramref name="clientKey"/> has a row in the database file.</summary>
    public async Task<bool> HasStoredRateStateAsync(string clientKey)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_directory, "gaze.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state WHERE storage = 'rates' AND grain LIKE $grain";
        command.Parameters.AddWithValue("$grain", "%/" + clientKey);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A silo that was killed may still hold the file for a moment; the temp folder is disposable.
        }
    }
}

/// <summary>One single-silo cluster shared by the tests of <see cref="ClusterCollection"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public GazeTestCluster Silo { get; } = new(silos: 1);

    public Task InitializeAsync() => Silo.StartAsync();

    public Task DisposeAsync() => Silo.DisposeAsync().AsTask();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
