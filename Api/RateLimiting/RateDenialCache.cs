using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Gaze.Api.RateLimiting;

/// <summary>
/// The denials this node has received from rate grains, answered again without a grain call until
/// the client may retry. That keeps the limit exact: a denied request consumes nothing and
/// admissions only fill windows, so no request of that client under that policy can be admitted
/// before the time the grain named. A hammering client then costs a local lookup.
/// </summary>
/// <remarks>
/// <para>
/// The node never compares its clock with the silo's. It measures, on its own monotonic clock, the
/// time since it <em>sent</em> the grain call, which is at least the time since the grain decided:
/// so it takes the grain's clock to be a little later than it is. A cached denial therefore ends at
/// or before the time the grain named (a few milliseconds short, never late) and its
/// <c>Retry-After</c> is never longer than the grain's would be.
/// </para>
/// <para>
/// A refund gives permits back, the one thing that empties a window early, and an admission on this
/// node may change which rule binds; both forget the client's cached denials. A refund on another
/// node is not seen here: until the cached time this node denies a request the grain would now
/// admit, which is the safe side of exact. Entries are bounded by
/// <see cref="RateLimitingOptions.DenialCacheEntries"/> (one per client, least recently used first
/// out) and tied to the <see cref="LimitedPolicy"/> instances of this process, whose policies are
/// read once at start: a node started with other limits starts with an empty cache.
/// </para>
/// <para>
/// Built on <see cref="MemoryCache"/> for the bound and the eviction; written here only because the
/// exactness rules above are this service's own.
/// </para>
/// </remarks>
public sealed class RateDenialCache : IDisposable
{
    /// <summary>Service key of the clock the cache measures elapsed time with; tests give it a fake one.</summary>
    public const string ClockKey = "Gaze.RateLimiting";

    // Striped change counters: a denial whose grain call began before a refund or an admission of
    // its client on this node is not cached (Remember compares them). Striping keeps one busy
    // client from turning every other client's denials away.
    private const int Stripes = 256;

    private readonly MemoryCache? _clients;
    private readonly TimeProvider _clock;
    private readonly int _slots;
    private readonly int[] _changes = new int[Stripes];
    private readonly int _repeatsAtOnce;

    public RateDenialCache(IOptions<RateLimitingOptions> options, RatePolicyCatalog catalog, [FromKeyedServices(ClockKey)] TimeProvider clock)
    {
        _clock = clock;
        _slots = catalog.Count;
        _repeatsAtOnce = options.Value.RepeatDenialsAtOnce;
        if (options.Value.DenialCacheEntries > 0)
        {
            _clients = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.DenialCacheEntries });
        }
    }

    /// <summary>Taken just before the grain call whose answer may be cached.</summary>
    public Ticket Begin(string clientKey) => new(_clock.GetTimestamp(), Volatile.Read(ref _changes[Stripe(clientKey)]));

    /// <summary>The denial the grain would give now, if this node holds one for the client and policy.</summary>
    public bool TryDeny(string clientKey, LimitedPolicy policy, out RateLimitDenial denial) => TryDeny(clientKey, policy, out denial, out _);

    /// <summary>
    /// As <see cref="TryDeny(string, LimitedPolicy, out RateLimitDenial)"/> for a request as it
    /// arrives, counting it among the client's repeats: <paramref name="atOnce"/> says whether it is
    /// within the <see cref="RateLimitingOptions.RepeatDenialsAtOnce"/> of the current second.
    /// </summary>
    public bool TryDenyRepeat(string clientKey, LimitedPolicy policy, out RateLimitDenial denial, out bool atOnce)
    {
        if (!TryDeny(clientKey, policy, out denial, out var client))
        {
            atOnce = false;
            return false;
        }

        atOnce = client.RepeatWithin(_clock.GetTimestamp(), _clock.TimestampFrequency, _repeatsAtOnce);
        return true;
    }

    private bool TryDeny(string clientKey, LimitedPolicy policy, out RateLimitDenial denial, [NotNullWhen(true)] out ClientDenials? client)
    {
        denial = default;
        if (_clients is null || !_clients.TryGetValue(clientKey, out client) || client is null)
        {
            client = null;
            return false;
        }

        var cached = Volatile.Read(ref client.BySlot[policy.Slot]);
        if (cached is null || !ReferenceEquals(cached.Policy, policy))
        {
            return false;
        }

        var elapsed = _clock.GetElapsedTime(cached.SentAt);
        if (elapsed >= cached.Denial.RetryAfter)
        {
            Interlocked.CompareExchange(ref client.BySlot[policy.Slot], null, cached);
            return false;
        }

        denial = cached.Denial with { Now = cached.Denial.Now + elapsed, RetryAfter = cached.Denial.RetryAfter - elapsed };
        return true;
    }

    /// <summary>Keeps a denial the grain gave to the call that began at <paramref name="ticket"/>.</summary>
    public void Remember(string clientKey, LimitedPolicy policy, Ticket ticket, RateLimitDenial denial)
    {
        var stripe = Stripe(clientKey);
        if (_clients is null || Volatile.Read(ref _changes[stripe]) != ticket.Changes)
        {
            return;
        }

        if (!_clients.TryGetValue(clientKey, out ClientDenials? client) || client is null)
        {
            client = new ClientDenials(_slots, ticket.SentAt);
            _clients.Set(clientKey, client, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = UnusedFor(denial.RetryAfter) });
        }

        var cached = new CachedDenial(policy, denial, ticket.SentAt);
        Volatile.Write(ref client.BySlot[policy.Slot], cached);

        // A refund or admission that came in while this was written wins: take the denial back.
        if (Volatile.Read(ref _changes[stripe]) != ticket.Changes)
        {
            Interlocked.CompareExchange(ref client.BySlot[policy.Slot], null, cached);
        }
    }

    /// <summary>
    /// Drops the client's cached denials, after this node admitted one of its requests or gave its
    /// permits back.
    /// </summary>
    public void Forget(string clientKey)
    {
        if (_clients is null)
        {
            return;
        }

        Interlocked.Increment(ref _changes[Stripe(clientKey)]);
        if (_clients.TryGetValue(clientKey, out ClientDenials? client) && client is not null)
        {
            for (var slot = 0; slot < client.BySlot.Length; slot++)
            {
                Volatile.Write(ref client.BySlot[slot], null);
            }
        }
    }

    public void Dispose() => _clients?.Dispose();

    private static int Stripe(string clientKey) => (int)((uint)StringComparer.Ordinal.GetHashCode(clientKey) % Stripes);

    // A client that stops calling leaves once its first denial has run out; one that keeps calling
    // keeps its entry. Either way a request that misses asks the grain, which is always right.
    private static TimeSpan UnusedFor(TimeSpan retryAfter) => retryAfter + TimeSpan.FromSeconds(1);

    /// <summary>When a grain call began, and the change count of its client's stripe then.</summary>
    public readonly record struct Ticket(long SentAt, int Changes);

    private sealed record CachedDenial(LimitedPolicy Policy, RateLimitDenial Denial, long SentAt);

    /// <summary>One client's cached denials, by policy slot, and how many repeats it sent this second.</summary>
    private sealed class ClientDenials(int slots, long firstDeniedAt)
    {
        public readonly CachedDenial?[] BySlot = new CachedDenial?[slots];

        private long _secondStartedAt = firstDeniedAt;
        private int _repeatsThisSecond;

        /// <summary>
        /// Counts one repeat at <paramref name="now"/>; true while the second it falls in has had no
        /// more than <paramref name="atOnce"/>. Seconds run from the first denial, then from the first
        /// repeat after a second ran out. Two threads crossing a second's end may count a repeat in
        /// the wrong second: this only decides when a 429 goes out, never whether.
        /// </summary>
        public bool RepeatWithin(long now, long second, int atOnce)
        {
            if (atOnce == 0)
            {
                return false;
            }

            var started = Volatile.Read(ref _secondStartedAt);
            if (now - started >= second && Interlocked.CompareExchange(ref _secondStartedAt, now, started) == started)
            {
                Volatile.Write(ref _repeatsThisSecond, 0);
            }

            return Interlocked.Increment(ref _repeatsThisSecond) <= atOnce;
        }
    }
}
