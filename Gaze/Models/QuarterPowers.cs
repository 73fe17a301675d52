namespace Gaze.Models;

/// <summary>
/// <c>Math.Pow(t, 0.25)</c> for t = 1, 2, 3, …, computed once per process and shared: the
/// inverse-scaling learning rate of SGD divides by it at every step, where the power would
/// otherwise cost more than the rest of the step. The values are <c>Math.Pow</c>'s own, so the
/// rates stay bit-identical to scikit-learn's <c>eta0 / pow(t, power_t)</c>.
/// </summary>
internal static class QuarterPowers
{
    /// <summary>At most 8 MB of table; steps beyond it compute the power directly.</summary>
    public const int MaxTabulated = 1 << 20;

    private static readonly Lock Growing = new();
    private static double[] _table = [];

    /// <summary>A table whose element t-1 is t^0.25, at least min(<paramref name="steps"/>, <see cref="MaxTabulated"/>) long; never changed once returned.</summary>
    public static double[] Covering(long steps)
    {
        var wanted = (int)Math.Min(Math.Max(steps, 1), MaxTabulated);
        var table = Volatile.Read(ref _table);
        if (table.Length >= wanted)
        {
            return table;
        }

        lock (Growing)
        {
            table = _table;
            if (table.Length >= wanted)
            {
                return table;
            }

            // Doubling keeps the total work linear when fits ask for a little more each time.
            var grown = new double[Math.Min(Math.Max(wanted, table.Length * 2), MaxTabulated)];
            table.CopyTo(grown, 0);
            for (var i = table.Length; i < grown.Length; i++)
            {
                grown[i] = Math.Pow(i + 1, 0.25);
            }

            Volatile.Write(ref _table, grown);
            return grown;
        }
    }
}
