namespace Gaze.Sampling;

/// <summary>
/// The 32-bit Mersenne Twister (MT19937) seeded the classic way (<c>init_genrand</c>).
/// </summary>
/// <remarks>
/// WHY: the reference service splits rows with scikit-learn, which draws from numpy's legacy
/// <c>RandomState(seed)</c>. For an integer seed numpy seeds exactly this generator with
/// <c>init_genrand(seed)</c> (verified: <c>RandomState(42).get_state()</c> equals this state and
/// the first outputs equal <c>random_raw</c>), so reproducing its splits bit-for-bit starts here.
/// System.Random is a different generator and can never match.
/// </remarks>
public sealed class Mt19937
{
    private const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908B0DFu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7FFFFFFFu;

    private readonly uint[] _state = new uint[N];
    private int _next;

    /// <summary>Seeds with <c>init_genrand(seed)</c>, the recurrence numpy uses for integer seeds.</summary>
    public Mt19937(uint seed)
    {
        _state[0] = seed;
        for (var i = 1; i < N; i++)
        {
            var prev = _state[i - 1];
            // Multiplier 1812433253 is Knuth's; unchecked because the reference arithmetic is mod 2^32.
            _state[i] = unchecked(1812433253u * (prev ^ (prev >> 30)) + (uint)i);
        }
        _next = N; // the first draw regenerates the whole block, as the reference does
    }

    /// <summary>Next raw 32-bit output (numpy's <c>random_raw</c> / <c>next_uint32</c>).</summary>
    public uint NextUInt32()
    {
        if (_next >= N)
        {
            Twist();
        }

        var y = _state[_next++];
        // Tempering: improves equidistribution of the raw state words.
        y ^= y >> 11;
        y ^= (y << 7) & 0x9D2C5680u;
        y ^= (y << 15) & 0xEFC60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>Regenerates all 624 state words at once (the reference's block refill).</summary>
    private void Twist()
    {
        for (var k = 0; k < N; k++)
        {
            var y = (_state[k] & UpperMask) | (_state[(k + 1) % N] & LowerMask);
            var mag = (y & 1u) != 0 ? MatrixA : 0u;
            _state[k] = _state[(k + M) % N] ^ (y >> 1) ^ mag;
        }
        _next = 0;
    }
}
