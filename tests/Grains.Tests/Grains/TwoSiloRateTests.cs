using Gaze.Grains.Interfaces;
using Microsoft.Extensions.DependencyInjection;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.Grains;

/// <summary>A limit stays exact when callers on different silos hit the same client.</summary>
public sealed class TwoSiloRateTests : IAsyncLifetime
{
    private readonly GazeTestCluster _cluster = new(silos: 2);

    public Task InitializeAsync() => _cluster.StartAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Callers_on_two_silos_admit_exactly_N_for_one_key()
    {
        Assert.Equal(2, _cluster.Cluster.Silos.Count);
        var factories = _cluster.Cluster.Silos
            .Select(silo => _cluster.Cluster.GetSiloServiceProvider(silo.SiloAddress).GetRequiredService<IGrainFactory>())
            .Append(_cluster.Grains)
            .ToArray();
        var policy = Moving(10, TimeSpan.FromHours(1));
        const string Key = "192.0.2.77";

        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            Task.Run(() => factories[i % factories.Length].GetGrain<IRateGrain>(Key).AcquireAsync(policy).AsTask())));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
    }
}
