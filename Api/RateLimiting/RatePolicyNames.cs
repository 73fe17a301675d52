namespace Gaze.Api.RateLimiting;

/// <summary>Policy names used by endpoints and as keys of <c>RateLimiting:Endpoints</c>.</summary>
public static class RatePolicyNames
{
    public const string Calibration = "calib";
    public const string BatchPrediction = "batch";

    /// <summary>Endpoints without an own policy get only the default limits.</summary>
    public const string Default = "default";
}
