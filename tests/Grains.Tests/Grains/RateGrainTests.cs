using Gaze.Grains.Interfaces;
using Gaze.Grains.Interfaces.RateLimiting;
using static Gaze.Tests.RateLimiting.Policies;

namespace Gaze.Tests.Grains;

[Collection(ClusterCollection.Name)]
public sealed class RateGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private GazeTestCluster Silo => fixture.Silo;

    private static string NewKey() => $"198.51.100.{Random.Shared.Next(256)}-{Guid.NewGuid():N}";

    private IRateGrain Grain(string key) => Silo.Grains.GetGrain<IRateGrain>(key);

    [Fact]
    public async Task Sixty_four_concurrent_callers_on_one_key_admit_exactly_N()
    {
        var grain = Grain(NewKey());
        var policy = Moving(10, TimeSpan.FromHours(1));

        var decisions = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => grain.AcquireAsync(policy).AsTask())));

        Assert.Equal(10, decisions.Count(d => d.Allowed));
        Assert.All(decisions.Where(d => !d.Allowed), d => Assert.True(d.RetryAfter > TimeSpan.Zero));
    }

    [Fact]
    public async Task Two_keys_are_independent()
    {
        var policy = Moving(2, Minute);
        var first = Grain(NewKey());
        var second = Grain(NewKey());

        Assert.True((await first.AcquireAsync(policy)).Allowed);
        Assert.True((await first.AcquireAsync(policy)).Allowed);
        Assert.False((await first.AcquireAsync(policy)).Allowed);
        Assert.True((await second.AcquireAsync(policy)).Allowed);
        Assert.Equal(0, (await second.AcquireAsync(policy)).Usages[0].Remaining);
    }

    [Fact]
    public async Task Windows_survive_deactivation()
    {
        var key = NewKey();
        var policy = Moving(5, TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await Grain(key).AcquireAsync(policy)).Allowed);
        }

        await Silo.Cluster.DeactivateAsync(Grain(key));

        var status = Assert.Single(await Grain(key).PeekAsync([policy]));
        Assert.Equal(2, status.Usages[0].Remaining);
    }

    [Fact]
    public async Task The_fake_clock_reopens_the_window_exactly_at_retry_after()
    {
        var grain = Grain(NewKey());
        var policy = Moving(3, Minute);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await grain.AcquireAsync(policy)).Allowed);
        }

        await Silo.AdvanceAsync(TimeSpan.FromSeconds(20.5));
        var denied = await grain.AcquireAsync(policy);
        Assert.False(denied.Allowed);
        var retryAfter = TimeSpan.FromSeconds(denied.RetryAfterSeconds);
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);

        await Silo.AdvanceAsync(retryAfter - TimeSpan.FromSeconds(1));
        Assert.False((await grain.AcquireAsync(policy)).Allowed);
        await Silo.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.True((await grain.AcquireAsync(policy)).Allowed);
    }

    [Fact]
    public async Task Status_reports_without_consuming()
    {
        var grain = Grain(NewKey());
        var calib = Of("calib", RateStrategy.MovingWindow, Rule("calib", 10, Minute), Rule("hour", 50, TimeSpan.FromHours(1), "default:3600s"));
        var batch = Of("batch", RateStrategy.MovingWindow, Rule("batch", 30, Minute), Rule("hour", 50, TimeSpan.FromHours(1), "default:3600s"));
        await grain.AcquireAsync(calib);

        for (var i = 0; i < 3; i++)
        {
            var statuses = await grain.PeekAsync([calib, batch]);
            Assert.Equal([9, 49], statuses[0].Usages.Select(u => u.Remaining));
            Assert.Equal([30, 49], statuses[1].Usages.Select(u => u.Remaining));
        }
    }
}
