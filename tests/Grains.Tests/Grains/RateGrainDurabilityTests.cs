using Gaze.Grains.Interfaces;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.Grains;

/// <summary>Restarts and crashes, each on a cluster of its own so no other test sees them.</summary>
public sealed class RateGrainDurabilityTests : IAsyncLifetime
{
    private readonly GazeTestCluster _silo = new(silos: 1);

    public Task InitializeAsync() => _silo.StartAsync();

    public Task DisposeAsync() => _silo.DisposeAsync().AsTask();

    [Fact]
    public async Task Windows_survive_a_silo_restart()
    {
        var policy = Moving(5, TimeSpan.FromDays(1));
        Assert.Equal(3, await AdmitAsync("203.0.113.10", policy, 3));

        await _silo.Cluster.RestartSiloAsync(_silo.Cluster.Silos[0]).WaitAsync(TimeSpan.FromMinutes(2));
        await _silo.Cluster.InitializeClientAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(2, await AdmitAsync("203.0.113.10", policy, 5));
    }

    [Fact]
    public async Task Windows_written_behind_survive_a_silo_crash()
    {
        var policy = Moving(5, TimeSpan.FromDays(1));
        Assert.Equal(4, await AdmitAsync("203.0.113.11", policy, 4));

        // The write-behind timer runs on the grain clock: one period later the windows are stored.
        await _silo.AdvanceAsync(TimeSpan.FromSeconds(1.5));
        await WaitUntilStoredAsync("203.0.113.11");

        await _silo.Cluster.KillSiloAsync(_silo.Cluster.Silos[0]).WaitAsync(TimeSpan.FromMinutes(1));
        await _silo.Cluster.StartAdditionalSiloAsync().WaitAsync(TimeSpan.FromMinutes(2));
        await _silo.Cluster.InitializeClientAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await AdmitAsync("203.0.113.11", policy, 5));
    }

    [Fact]
    public async Task A_stored_calibration_survives_a_silo_restart()
    {
        var record = CalibrationStoreTests.Record("durable-calibration", model: "Ridge Regression");
        await _silo.Grains.GetGrain<ICalibrationStoreGrain>(record.Id).SaveAsync(record);

        await _silo.Cluster.RestartSiloAsync(_silo.Cluster.Silos[0]).WaitAsync(TimeSpan.FromMinutes(2));
        await _silo.Cluster.InitializeClientAsync().WaitAsync(TimeSpan.FromMinutes(1));

        var stored = await _silo.Grains.GetGrain<ICalibrationStoreGrain>(record.Id).GetAsync();
        Assert.NotNull(stored);
        Assert.Equal("Ridge Regression", stored.Record.Model);
        Assert.Equal(record.Fixed.ToArray(), stored.Record.Fixed.ToArray());
    }

    private async Task<int> AdmitAsync(string key, Gaze.Grains.Interfaces.RateLimiting.RatePolicy policy, int attempts)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if ((await _silo.Grains.GetGrain<IRateGrain>(key).AcquireAsync(policy)).Allowed)
            {
                admitted++;
            }
        }

        return admitted;
    }

    // The flush is asynchronous after the timer fires; poll the database file for its row.
    private async Task WaitUntilStoredAsync(string key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await _silo.HasStoredRateStateAsync(key))
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
