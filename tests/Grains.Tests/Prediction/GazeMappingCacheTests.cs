using Gaze.Grains.Interfaces.Calibration;
using Gaze.Grains.Prediction;
using Gaze.Prediction;
using Gaze.Tests.Upstream;
using Microsoft.Extensions.Options;

namespace Gaze.Tests.Prediction;

public sealed class GazeMappingCacheTests
{
    private static readonly GazeMappingKey Key = new("calibration", Revision(1), "Linear Regression", 1000, 600);

    private static CalibrationRevision Revision(long version) => new(version, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static GazeMappingCache Cache(int entries = 8) => new(Options.Create(new PredictionOptions { CacheEntries = entries }));

    private static GazeMapping Fit() =>
        GazeMapping.Fit(UpstreamFixture.Samples(), "Linear Regression", 1000, 600, GazeMappingKind.StoredCalibration);

    [Fact]
    public async Task Concurrent_batches_of_one_key_fit_once()
    {
        using var cache = Cache();
        using var fitting = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var othersStarted = new CountdownEvent(7);
        var otherFits = 0;

        // The first caller's fit holds until the other seven have started and called in; had they
        // not joined the fit in progress, they would have run their own fit.
        var first = Task.Run(() => cache.GetOrFit(Key, () =>
        {
            fitting.Set();
            Assert.True(release.Wait(TimeSpan.FromSeconds(30)));
            return Fit();
        }));
        Assert.True(fitting.Wait(TimeSpan.FromSeconds(30)));
        var others = Enumerable.Range(0, 7).Select(_ => Task.Run(() =>
        {
            othersStarted.Signal();
            return cache.GetOrFit(Key, () =>
            {
                Interlocked.Increment(ref otherFits);
                return Fit();
            });
        })).ToArray();
        Assert.True(othersStarted.Wait(TimeSpan.FromSeconds(30)));
        release.Set();
        var mappings = await Task.WhenAll([first, .. others]).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, otherFits);
        Assert.Equal(1, cache.Fits);
        Assert.All(mappings, m => Assert.Same(mappings[0], m));
        Assert.Same(mappings[0], cache.Find(Key));
    }

    [Fact]
    public void A_cached_mapping_is_not_fitted_again()
    {
        using var cache = Cache();
        var first = cache.GetOrFit(Key, Fit);

        Assert.Same(first, cache.GetOrFit(Key, () => throw new InvalidOperationException("must not fit again")));
        Assert.Equal(1, cache.Fits);
    }

    [Fact]
    public void A_failed_fit_is_not_remembered()
    {
        using var cache = Cache();

        Assert.Throws<PredictionRejectedException>(() => cache.GetOrFit(Key, () => throw new PredictionRejectedException("degenerate")));

        Assert.Null(cache.Find(Key));
        Assert.NotNull(cache.GetOrFit(Key, Fit));
        Assert.Equal(2, cache.Fits);
    }

    [Fact]
    public void A_new_calibration_revision_is_a_different_entry()
    {
        using var cache = Cache();
        var first = cache.GetOrFit(Key, Fit);

        Assert.Null(cache.Find(Key with { Revision = Revision(2) }));
        Assert.Null(cache.Find(Key with { Revision = new CalibrationRevision(1, Revision(1).UpdatedAt.AddSeconds(1)) }));
        Assert.NotSame(first, cache.GetOrFit(Key with { Revision = Revision(2) }, Fit));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void A_full_cache_makes_room_for_the_newest_mapping(int capacity)
    {
        using var cache = Cache(capacity);
        var mapping = Fit();

        for (var version = 1; version <= 20; version++)
        {
            var key = Key with { Revision = Revision(version) };
            Assert.Same(mapping, cache.GetOrFit(key, () => mapping));
            Assert.Same(mapping, cache.Find(key));
            Assert.InRange(cache.Count, 1, capacity);
        }
    }
}
