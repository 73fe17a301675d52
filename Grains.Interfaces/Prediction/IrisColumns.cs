using System.Collections.Immutable;

namespace Gaze.Grains.Interfaces.Prediction;

/// <summary>
/// Iris samples as four columns (webcam pixels), in sample order. Columns of doubles rather than one
/// object per sample: a batch can hold 100,000 samples and travels between nodes as-is.
/// </summary>
[GenerateSerializer, Immutable, Alias("Gaze.IrisColumns")]
public sealed record IrisColumns(
    [property: Id(0)] ImmutableArray<double> LeftX,
    [property: Id(1)] ImmutableArray<double> LeftY,
    [property: Id(2)] ImmutableArray<double> RightX,
    [property: Id(3)] ImmutableArray<double> RightY)
{
    public static readonly IrisColumns Empty = new([], [], [], []);

    public int Count => LeftX.Length;
}
