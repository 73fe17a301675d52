using System.Collections.Concurrent;
using Gaze.Prediction;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gaze.Grains.Prediction;

/// <summary>
/// Fitted stored-calibration mappings shared by the node's prediction workers, so a session sent in
/// many batches is fitted once. Bounded in entries (least recently used go first) and idle time.
/// Fits in progress are tracked apart from the cache, so concurrent first batches of one key fit
/// once whether or not the cache has room; a failed fit is not remembered.
/// </summary>
public sealed class GazeMappingCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly ConcurrentDictionary<GazeMappingKey, Lazy<GazeMapping>> _fitting = new();
    private readonly int _capacity;
    private readonly TimeSpan _idleTime;
    private readonly Lock _admission = new();
    private long _fits;

    public GazeMappingCache(IOptions<PredictionOptions> options)
    {
        _capacity = options.Value.CacheEntries;
        _idleTime = options.Value.CacheIdleTime;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = _capacity });
    }

    /// <summary>Mappings held now.</summary>
    public int Count => _cache.Count;

    /// <summary>Mappings fitted since start (each one a cache miss).</summary>
    public long Fits => Interlocked.Read(ref _fits);

    /// <summary>The cached mapping for <paramref name="key"/>, or null (also while it is being fitted).</summary>
    public GazeMapping? Find(GazeMappingKey key) => _cache.TryGetValue(key, out GazeMapping? mapping) ? mapping : null;

    /// <summary>The mapping for <paramref name="key"/>, fitting it with <paramref name="fit"/> when absent.</summary>
    public GazeMapping GetOrFit(GazeMappingKey key, Func<GazeMapping> fit)
    {
        if (Find(key) is { } cached)
        {
            return cached;
        }

        var fitting = _fitting.GetOrAdd(key, _ => new Lazy<GazeMapping>(() =>
        {
            Interlocked.Increment(ref _fits);
            var mapping = fit();
            Admit(key, mapping);
            return mapping;
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return fitting.Value; // a concurrent caller of the same key waits here for the one fit
        }
        finally
        {
            // Admitted (or failed) by now: later callers find the cache, or fit afresh after a failure.
            _fitting.TryRemove(new KeyValuePair<GazeMappingKey, Lazy<GazeMapping>>(key, fitting));
        }
    }

    /// <summary>
    /// MemoryCache drops a new entry when it is full and only compacts in the background (and never
    /// below 4 entries, as a quarter of 3 rounds to 0), so room is made here, least recently used first.
    /// </summary>
    private void Admit(GazeMappingKey key, GazeMapping mapping)
    {
        lock (_admission)
        {
            if (_cache.Count >= _capacity)
            {
                _cache.Compact(Math.Min(1.0, Math.Max(0.25, 1.5 / _cache.Count)));
            }

            _cache.Set(key, mapping, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _idleTime });
        }
    }

    public void Dispose() => _cache.Dispose();
}
