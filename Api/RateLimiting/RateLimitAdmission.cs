namespace Gaze.Api.RateLimiting;

/// <summary>
/// Request feature left by <see cref="RateLimitMiddleware"/> on an admitted request: which client
/// and policy it consumed permits of, and when, so that the permits can be given back when the
/// service itself refuses the request (<see cref="RateLimitGate.RefundAsync"/>).
/// </summary>
public sealed record RateLimitAdmission(string ClientKey, LimitedPolicy Policy, DateTimeOffset AdmittedAt);
