namespace Gaze.Api.Json;

/// <summary>One problem with one request field, e.g. <c>fixed_circle_iris_points[3].point_x</c>.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
