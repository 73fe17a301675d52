using Gaze.Prediction;

namespace Gaze.Tests.Upstream;

/// <summary>Port of the squash cases of the reference's <c>tests/test_gaze_tracker.py</c>: the tanh squash of the vertical model.</summary>
public sealed class UpstreamSquashTests
{
    [Fact]
    public void Squash_of_zero_is_zero() => Assert.Equal(0.0, GazeMapping.Squash(0));

    [Fact]
    public void Squash_is_bounded()
    {
        Assert.InRange(GazeMapping.Squash(1.0), double.Epsilon, 1.0 - 1e-12);
        Assert.InRange(GazeMapping.Squash(-1.0), -1.0 + 1e-12, -double.Epsilon);
    }

    [Fact]
    public void Squash_is_symmetric() => Assert.True(Math.Abs(GazeMapping.Squash(0.5) + GazeMapping.Squash(-0.5)) < 1e-10);

    [Fact]
    public void Squash_saturates() => Assert.True(Math.Abs(GazeMapping.Squash(100.0) - 1.0) < 0.01);

    [Fact]
    public void Squash_respects_its_limit() => Assert.True(Math.Abs(GazeMapping.Squash(2.0, limit: 2.0) - Math.Tanh(1.0)) < 1e-10);

    [Fact]
    public void Squash_maps_each_value_of_an_array()
    {
        double[] squashed = [.. new[] { -1.0, 0.0, 1.0 }.Select(v => GazeMapping.Squash(v))];
        Assert.Equal(3, squashed.Length);
        Assert.Equal(0.0, squashed[1]);
    }
}
