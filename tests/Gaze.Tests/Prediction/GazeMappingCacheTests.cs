using Gaze.Grains.Gaze.Prediction;
using Gaze.Grains.Prediction;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Prediction;

public sealed class GazeMappingCacheTests
{
    private static readonly GazeMappingKey Key = new("calibration", 1, "Linear Regression", 1000, 600);

    private static GazeMappingCache Cache(int entries = 8) => new(Options.Create(new PredictionOptions { CacheEntries = entries }));

    private static GazeMapping Fit() =>
        GazeMapping.Fit(UpstreamGazeTrackerTests.FixtureSamples(), "Linear Regression", 1000, 600, GazeMappingKind.StoredCalibration);

    [Fact]
    public async Task Concurrent_batches_of_one_key_fit_once()
    {
        using var cache = Cache();
        using var release = new ManualResetEventSlim();
        var fits = 0;
        GazeMapping SlowFit()
        {
            Interlocked.Increment(ref fits);
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
            return Fit();
        }

        var first = Task.Run(() => cache.GetOrFit(Key, SlowFit));
        var others = Enumerable.Range(0, 7).Select(_ => Task.Run(() => cache.GetOrFit(Key, SlowFit))).ToArray();
        release.Set();
        var mappings = await Task.WhenAll([first, .. others]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, fits);
        Assert.All(mappings, m => Assert.Same(mappings[0], m));
        Assert.Same(mappings[0], cache.Find(Key));
    }

    [Fact]
    public void A_failed_fit_is_not_cached()
    {
        using var cache = Cache();

        Assert.Throws<ArgumentException>(() => cache.GetOrFit(Key, () => throw new ArgumentException("degenerate")));

        Assert.Null(cache.Find(Key));
        Assert.NotNull(cache.GetOrFit(Key, Fit));
    }

    [Fact]
    public void A_new_calibration_version_is_a_different_entry()
    {
        using var cache = Cache();
        var first = cache.GetOrFit(Key, Fit);

        Assert.Null(cache.Find(Key with { Version = 2 }));
        Assert.NotSame(first, cache.GetOrFit(Key with { Version = 2 }, Fit));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_bound()
    {
        using var cache = Cache(entries: 3);
        var mapping = Fit();

        for (var version = 1; version <= 20; version++)
        {
            Assert.Same(mapping, cache.GetOrFit(Key with { Version = version }, () => mapping));
            Assert.InRange(cache.Count, 0, 3);
        }
    }
}
