using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Calibration;

/// <summary>A validated calibration as the client sent it; what is stored under its id.</summary>
/// <param name="Id">Calibration id (the form's <c>file_name</c>).</param>
/// <param name="Fixed">Training samples (<c>fixed_circle_iris_points</c>).</param>
/// <param name="Validation">Validation samples (<c>calib_circle_iris_points</c>), stored, not used by the response.</param>
/// <param name="ScreenWidth">Page width in pixels, as sent.</param>
/// <param name="ScreenHeight">Page height in pixels, as sent.</param>
/// <param name="Model">Model name for both axes.</param>
/// <param name="K">Number of k-means clusters.</param>
/// <param name="UserId">Forwarded to the webhook.</param>
/// <param name="StudyId">Forwarded to the webhook.</param>
/// <param name="FromRuxailab">Whether the webhook is to be called.</param>
[GenerateSerializer, Immutable, Alias("Gaze.CalibrationRecord")]
public sealed record CalibrationRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<CalibrationPoint> Fixed,
    [property: Id(2)] ImmutableArray<IrisSample> Validation,
    [property: Id(3)] double ScreenWidth,
    [property: Id(4)] double ScreenHeight,
    [property: Id(5)] string Model,
    [property: Id(6)] int K,
    [property: Id(7)] string? UserId,
    [property: Id(8)] string? StudyId,
    [property: Id(9)] bool FromRuxailab);
