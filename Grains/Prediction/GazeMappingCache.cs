using Gaze.Grains.Gaze.Prediction;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gaze.Grains.Prediction;

/// <summary>
/// Fitted stored-calibration mappings shared by the node's prediction workers, so a session sent in
/// many batches is fitted once. Bounded in entries (least recently used go first) and idle time.
/// Concurrent misses for one key fit once: the entry is a lazy value the first caller computes and
/// the others wait for. A failed fit is not cached.
/// </summary>
public sealed class GazeMappingCache : IDisposable
{
    private readonly MemoryCache _cache;
    private readonly TimeSpan _idleTime;
    private readonly Lock _gate = new();

    public GazeMappingCache(IOptions<PredictionOptions> options)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.CacheEntries, CompactionPercentage = 0.25 });
        _idleTime = options.Value.CacheIdleTime;
    }

    /// <summary>The cached mapping for <paramref name="key"/> (waiting for a fit in progress), or null.</summary>
    public GazeMapping? Find(GazeMappingKey key)
    {
        if (!_cache.TryGetValue(key, out Lazy<GazeMapping>? entry))
        {
            return null;
        }

        try
        {
            return entry!.Value;
        }
        catch
        {
            return null; // the fitting caller reports the failure and removes the entry
        }
    }

    /// <summary>The mapping for <paramref name="key"/>, fitting it with <paramref name="fit"/> when absent.</summary>
    public GazeMapping GetOrFit(GazeMappingKey key, Func<GazeMapping> fit)
    {
        Lazy<GazeMapping> entry;
        lock (_gate)
        {
            // Only creating the lazy happens under the lock; fitting does not.
            if (!_cache.TryGetValue(key, out Lazy<GazeMapping>? existing))
            {
                existing = new Lazy<GazeMapping>(fit, LazyThreadSafetyMode.ExecutionAndPublication);
                _cache.Set(key, existing, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = _idleTime });
            }

            entry = existing!;
        }

        try
        {
            return entry.Value;
        }
        catch
        {
            lock (_gate)
            {
                if (_cache.TryGetValue(key, out Lazy<GazeMapping>? current) && ReferenceEquals(current, entry))
                {
                    _cache.Remove(key);
                }
            }

            throw;
        }
    }

    /// <summary>Mappings held now.</summary>
    public int Count => _cache.Count;

    public void Dispose() => _cache.Dispose();
}
