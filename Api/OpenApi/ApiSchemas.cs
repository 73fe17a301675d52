using Gaze.Api.Json;
using Microsoft.OpenApi;
using static Gaze.Api.OpenApi.JsonSchemas;

namespace Gaze.Api.OpenApi;

/// <summary>The schemas of the API's bodies, shared by the calibration and batch operations.</summary>
public static class ApiSchemas
{
    public const string IdPattern = "^[A-Za-z0-9_.-]{1,128}$";

    public static OpenApiSchema Coordinate(string description) =>
        Number(description, -JsonFields.MaxMagnitude, JsonFields.MaxMagnitude);

    public static OpenApiSchema ScreenSize(string description) => Number(description + " in CSS pixels.", 1, JsonFields.MaxMagnitude);

    public static OpenApiSchema CalibrationId(string description) => String(description + " Letters, digits, `_`, `.` and `-`, at most 128.", IdPattern);

    /// <summary>Iris centres of both eyes in webcam pixels; other keys are ignored.</summary>
    public static OpenApiSchema IrisSample(params (string Name, IOpenApiSchema Schema, bool Required)[] more) => Object(
        "Iris centres of both eyes, in webcam pixels. Other keys are ignored.",
        [
            ("left_iris_x", Coordinate("Left iris centre x."), true),
            ("left_iris_y", Coordinate("Left iris centre y."), true),
            ("right_iris_x", Coordinate("Right iris centre x."), true),
            ("right_iris_y", Coordinate("Right iris centre y."), true),
            .. more,
        ]);

    /// <summary>A sample recorded while the participant looked at a target.</summary>
    public static OpenApiSchema CalibrationSample() => IrisSample(
        ("point_x", Coordinate("x of the target looked at, in page pixels."), true),
        ("point_y", Coordinate("y of the target looked at, in page pixels."), true));

    public static OpenApiSchema CalibrationSamples(string description) =>
        Array(CalibrationSample(), description + $" At most {SampleArrays.MaxCalibrationRows:N0}.", SampleArrays.MaxCalibrationRows);
}
