using Gaze.Grains.Calibration;

namespace Gaze.Tests.Grains;

/// <summary>How a fold's candidates are split into calls, one per active silo at most.</summary>
public sealed class FoldSlicesTests
{
    [Theory]
    [InlineData(10, 1, new[] { 10 })]
    [InlineData(10, 2, new[] { 5, 5 })]
    [InlineData(30, 4, new[] { 8, 8, 8, 6 })]
    [InlineData(5, 4, new[] { 2, 2, 1 })]
    [InlineData(1, 3, new[] { 1 })]
    [InlineData(7, 0, new[] { 7 })] // no silo seen active yet: one call all the same
    public void Every_candidate_is_in_exactly_one_non_empty_slice(int candidates, int silos, int[] sizes)
    {
        var slices = SiloFitWork.Slices(candidates, silos).ToArray();

        Assert.Equal(sizes, slices.Select(slice => slice.Count));
        Assert.Equal(Enumerable.Range(0, candidates), slices.SelectMany(slice => Enumerable.Range(slice.Start, slice.Count)));
    }
}
