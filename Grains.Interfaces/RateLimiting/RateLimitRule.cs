namespace Gaze.Grains.Interfaces.RateLimiting;

/// <summary>One limit, e.g. "10 per 1 minute", and the counter it consumes.</summary>
/// <param name="Name">Short name used in the <c>RateLimit-Policy</c> header, e.g. <c>calib</c> or <c>hour</c>.</param>
/// <param name="Bucket">Identity of the window counter. Rules of different endpoints that share a bucket share their count.</param>
/// <param name="Permits">Admissions allowed per window.</param>
/// <param name="Window">Length of the window.</param>
/// <param name="Text">Canonical text, as flask-limiter prints it: <c>10 per 1 minute</c>.</param>
[GenerateSerializer, Immutable, Alias("Gaze.RateLimitRule")]
public sealed record RateLimitRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Bucket,
    [property: Id(2)] int Permits,
    [property: Id(3)] TimeSpan Window,
    [property: Id(4)] string Text);
