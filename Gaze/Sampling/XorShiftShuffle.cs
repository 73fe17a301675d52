namespace Gaze.Sampling;

/// <summary>
/// The epoch shuffle of scikit-learn's SGD (its <c>SequentialDataset.shuffle</c>): a forward
/// Fisher–Yates whose draws come from scikit-learn's 32-bit xorshift <c>our_rand_r</c>, reduced
/// modulo 2^31 and then modulo the number of items left.
/// </summary>
/// <remarks>
/// WHY written here: reproducing scikit-learn's SGD fit bit for bit means visiting rows in its
/// order, and no library offers this generator. The seed is passed by value in scikit-learn, so
/// every epoch makes the same draws and applies the same permutation to the order left by the
/// previous one; <see cref="Shuffle"/> therefore takes the seed, not a generator state.
/// </remarks>
public static class XorShiftShuffle
{
    private const uint RandRMax = 0x7FFFFFFF;

    /// <summary>Permutes <paramref name="items"/> in place, drawing from a fresh xorshift state seeded with <paramref name="seed"/>.</summary>
    public static void Shuffle(int[] items, uint seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        var state = seed;
        for (var i = 0u; i + 1 < (uint)items.Length; i++)
        {
            var j = i + (Next(ref state) % ((uint)items.Length - i));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static uint Next(ref uint state)
    {
        // scikit-learn replaces a zero state (a fixed point of xorshift) by its DEFAULT_SEED, 1.
        if (state == 0)
        {
            state = 1;
        }

        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state % (RandRMax + 1);
    }
}
