using Gaze.Grains.Interfaces.RateLimiting;

namespace Gaze.Api.RateLimiting;

/// <summary>Rate-limit settings (configuration section <c>RateLimiting</c>).</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Off switch for deployments that limit elsewhere.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>moving-window</c> (exact) or <c>fixed-window</c> (flask-limiter's default).</summary>
    public RateStrategy Strategy { get; set; } = RateStrategy.MovingWindow;

    /// <summary>Limits every limited endpoint also counts against, shared across endpoints.</summary>
    public string DefaultLimits { get; set; } = "50 per hour; 200 per day";

    /// <summary>Own limits by policy name; endpoints name their policy (<c>calib</c>, <c>batch</c>).</summary>
    public Dictionary<string, string> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RatePolicyNames.Calibration] = "10 per minute",
        [RatePolicyNames.BatchPrediction] = "30 per minute",
    };

    /// <summary><c>open</c>: admit when the limiter cannot answer; <c>closed</c>: answer 503.</summary>
    public FailurePolicy FailurePolicy { get; set; } = FailurePolicy.Open;

    /// <summary>Longest wait for the limiter's decision before the failure policy applies.</summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Clients whose denials this node answers again without asking their grain, until they may
    /// retry (<see cref="RateDenialCache"/>); about 300 bytes each. 0 turns the cache off.
    /// </summary>
    public int DenialCacheEntries { get; set; } = 100_000;

    /// <summary>
    /// How long a request denied from the <see cref="RateDenialCache"/> waits before its 429 goes
    /// out: only a client that ignored its <c>Retry-After</c> gets one, and holding its answer back
    /// bounds what each of its connections can send, so it cannot crowd out other clients. 0 answers at once.
    /// </summary>
    public TimeSpan RepeatDenialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Repeated denials per client and second answered at once, before <see cref="RepeatDenialDelay"/>
    /// holds the rest back. A client over its limit that retries a few times a second costs a cache
    /// lookup each time and is not worth a held connection; behind a proxy that pools connections, a
    /// held answer also holds back the other clients on that connection (measured in
    /// docs/benchmarks.md). A hammering client still gets almost all its answers late. 0 holds back
    /// every repeat.
    /// </summary>
    public int RepeatDenialsAtOnce { get; set; } = 4;

    /// <summary>
    /// Proxies (addresses or CIDR networks) whose <c>X-Forwarded-For</c>/<c>Forwarded</c> is believed.
    /// Empty means loopback only.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Native IPv6 clients are keyed by this prefix, since one host usually owns a whole /64.</summary>
    public int Ipv6PrefixLength { get; set; } = 64;
}
