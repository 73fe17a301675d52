namespace Gaze.Sampling;

/// <summary>
/// The small part of numpy's legacy <c>RandomState</c> that scikit-learn's row splitting uses:
/// bounded integer draws, <c>permutation</c>, <c>shuffle</c> and <c>choice(replace=False)</c>.
/// </summary>
/// <remarks>
/// WHY: matching the reference split means consuming the generator in the very same order and
/// amount as numpy 1.24's legacy code. Each member below states the numpy behaviour it mirrors;
/// every one was checked against numpy output (see tests/goldens/generate_sampling.py).
/// Not thread-safe: one instance per split, like sklearn's <c>check_random_state(42)</c>.
/// </remarks>
public sealed class NumpyRandomState
{
    private readonly Mt19937 _mt;

    /// <summary>Equivalent of <c>np.random.RandomState(seed)</c> for an integer seed.</summary>
    public NumpyRandomState(uint seed) => _mt = new Mt19937(seed);

    /// <summary>One raw 32-bit output.</summary>
    public uint NextUInt32() => _mt.NextUInt32();

    /// <summary>
    /// A 64-bit output built from two 32-bit ones, the FIRST being the high half — the legacy
    /// MT19937 order (pinned by the 64-bit <c>randint</c> golden).
    /// </summary>
    public ulong NextUInt64()
    {
        ulong high = _mt.NextUInt32();
        ulong low = _mt.NextUInt32();
        return (high << 32) | low;
    }

    /// <summary>
    /// Uniform integer in [0, <paramref name="max"/>] by masked rejection, like numpy's
    /// <c>random_interval</c>: mask = smallest 2^b − 1 ≥ max, draw (32-bit while max fits in
    /// 32 bits, otherwise 64-bit), AND with the mask, retry while the value exceeds max.
    /// max = 0 returns 0 without drawing anything, as numpy does.
    /// </summary>
    public ulong Bounded(ulong max)
    {
        if (max == 0)
        {
            return 0;
        }

        var mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;

        ulong value;
        if (max <= uint.MaxValue)
        {
            do { value = _mt.NextUInt32() & mask; } while (value > max);
        }
        else
        {
            do { value = NextUInt64() & mask; } while (value > max);
        }
        return value;
    }

    /// <summary>
    /// In-place Fisher–Yates from the END: for i = n−1 down to 1 swap items[i] with
    /// items[Bounded(i)]. This is the order numpy's legacy <c>shuffle</c> uses on a 1-d array;
    /// the more common "forward" variant would give different permutations.
    /// </summary>
    public void Shuffle<T>(T[] items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Length - 1; i >= 1; i--)
        {
            var j = (int)Bounded((ulong)i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary><c>permutation(m)</c>: 0..m−1 shuffled. m = 0 or 1 draws nothing.</summary>
    public int[] Permutation(int m)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        var result = new int[m];
        for (var i = 0; i < m; i++)
        {
            result[i] = i;
        }
        Shuffle(result);
        return result;
    }

    /// <summary><c>permutation(array)</c>: a shuffled copy; the input is left untouched.</summary>
    public T[] Permutation<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var copy = items.ToArray();
        Shuffle(copy);
        return copy;
    }

    /// <summary>
    /// <c>choice(populationSize, size, replace=False)</c> with uniform weights. numpy takes the
    /// first <paramref name="size"/> entries of <c>permutation(populationSize)</c>, so it consumes
    /// a full permutation's worth of draws even when size == populationSize (or 0); we must too.
    /// </summary>
    public int[] ChoiceWithoutReplacement(int populationSize, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, populationSize);
        var permutation = Permutation(populationSize);
        return permutation[..size];
    }
}
