using Gaze.Grains.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Gaze.Benchmarks;

/// <summary>
/// A silo in this process with the service's grains and SQLite storage in a temporary folder, no
/// logging; stopped, and its folder deleted, when disposed.
/// </summary>
public sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _directory;

    private BenchmarkSilo(IHost host, string directory) => (_host, _directory) = (host, directory);

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="services">Replacements for the benchmark, e.g. a grain clock.</param>
    /// <param name="silo">Changes after the service's own silo set-up, e.g. another grain storage.</param>
    public static async Task<BenchmarkSilo> StartAsync(int siloPort, int gatewayPort, Action<IServiceCollection>? services = null, Action<ISiloBuilder>? silo = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "gaze-bench-" + Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Sqlite:DataSource"] = Path.Combine(directory, "bench.db") });
        builder.Logging.ClearProviders();
        services?.Invoke(builder.Services);
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(siloPort, gatewayPort).AddGazeGrains();
            silo?.Invoke(orleans);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkSilo(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
