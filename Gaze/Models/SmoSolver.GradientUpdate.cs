using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gaze.Models;

// Propagating a pair step to the gradient of every active variable and to the upper-bound gradient Ḡ.
internal sealed partial class SmoSolver
{
    /// <summary>
    /// Applies the pair's step to the active gradients and, in the same pass, finds the next iteration's i
    /// (argmax of -v over I_up, later slot on ties), saving a separate scan.
    /// </summary>
    private void UpdateGradient(int sampleI, double wi, int sampleJ, double wj)
    {
        var active = _active;
        var kI = _kernel.Row(sampleI);
        var kJ = _kernel.Row(sampleJ); // a lazy KernelMatrix keeps kI valid across this second request
        var gMax = double.NegativeInfinity;
        var iMax = -1;

        // Combine the two kernel rows once per training row (contiguous, SIMD), then scatter to the active slots:
        // cheaper than gathering two floats per slot, since most rows have both their slots active.
        CombineRows(kI, wi, kJ, wj, _column);
        var start = _simd ? ScatterVector(active, ref gMax, ref iMax) : 0;
        ScatterScalar(start, active, ref gMax, ref iMax);

        _nextGMax = gMax;
        _nextI = iMax;
        _nextKnown = true;
    }

    /// <summary>
    /// column[r] = kI[r]·wi + kJ[r]·wj. Lane-wise SIMD gives the same doubles as the scalar loop: each lane does
    /// the same widening, two roundings for the products and one for the sum (separate multiply and add, no FMA).
    /// </summary>
    private void CombineRows(ReadOnlySpan<float> kI, double wi, ReadOnlySpan<float> kJ, double wj, Span<double> column)
    {
        var n = column.Length;
        var r = 0;
        if (_simd)
        {
            var vwi = Vector256.Create(wi);
            var vwj = Vector256.Create(wj);
            for (; r <= n - Vector256<float>.Count; r += Vector256<float>.Count)
            {
                var (iLo, iHi) = Vector256.Widen(Vector256.Create(kI.Slice(r, Vector256<float>.Count)));
                var (jLo, jHi) = Vector256.Widen(Vector256.Create(kJ.Slice(r, Vector256<float>.Count)));
                (iLo * vwi + jLo * vwj).CopyTo(column.Slice(r, Vector256<double>.Count));
                (iHi * vwi + jHi * vwj).CopyTo(column.Slice(r + Vector256<double>.Count, Vector256<double>.Count));
            }
        }

        for (; r < n; r++)
        {
            column[r] = kI[r] * wi + kJ[r] * wj;
        }
    }

    private void ScatterScalar(int start, int active, ref double gMax, ref int iMax)
    {
        ref var gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref var upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
        ref var sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref var columnRef = ref MemoryMarshal.GetArrayDataReference(_column);
        for (var t = start; t < active; t++)
        {
            var v = Unsafe.Add(ref gradRef, t) + Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t));
            Unsafe.Add(ref gradRef, t) = v;
            var score = Unsafe.Add(ref upRef, t) - v;
            if (score >= gMax)
            {
                gMax = score;
                iMax = t;
            }
        }
    }

    private int ScatterVector(int active, ref double gMax, ref int iMax)
    {
        var end = active & ~3;
        if (end == 0)
        {
            return 0;
        }

        ref var gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref var upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
        ref var sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref var columnRef = ref MemoryMarshal.GetArrayDataReference(_column);
        var bestV = Vector256.Create(double.NegativeInfinity);
        var bestIndex = Vector256.Create(-1L);
        var index = Vector256.Create(0L, 1L, 2L, 3L);
        var four = Vector256.Create(4L);
        for (var t = 0; t < end; t += 4)
        {
            var delta = Vector256.Create(
                Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t)),
                Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t + 1)),
                Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t + 2)),
                Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t + 3)));
            var v = Vector256.LoadUnsafe(ref gradRef, (nuint)t) + delta;
            v.StoreUnsafe(ref gradRef, (nuint)t);
            TrackMax(Vector256.LoadUnsafe(ref upRef, (nuint)t) - v, index, ref bestV, ref bestIndex);
            index += four;
        }

        MergeMax(bestV, bestIndex, ref gMax, ref iMax);
        return end;
    }

    /// <summary>Per-lane running maximum with the later index on ties (the sequential "&gt;=" rule, per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TrackMax(Vector256<double> score, Vector256<long> index, ref Vector256<double> bestV, ref Vector256<long> bestIndex)
    {
        var take = Vector256.GreaterThanOrEqual(score, bestV);
        bestV = Vector256.ConditionalSelect(take, score, bestV);
        bestIndex = Vector256.ConditionalSelect(take.AsInt64(), index, bestIndex);
    }

    /// <summary>Merges lane maxima: the largest value, and among equal values the largest (latest) index.</summary>
    private static void MergeMax(Vector256<double> bestV, Vector256<long> bestIndex, ref double gMax, ref int iMax)
    {
        for (var lane = 0; lane < 4; lane++)
        {
            var t = (int)bestIndex.GetElement(lane);
            var g = bestV.GetElement(lane);
            if (t >= 0 && (g > gMax || (g == gMax && t > iMax)))
            {
                gMax = g;
                iMax = t;
            }
        }
    }

    /// <summary>
    /// A variable entered (direction = +s) or left (direction = -s) the upper bound: s_t Ḡ_t changes by
    /// direction · C K_t· for every row.
    /// </summary>
    private void UpdateGradBar(int sample, double direction)
    {
        var row = _kernel.Row(sample);
        var gradBar = _signedGradBar.AsSpan(0, row.Length);
        var c = _c;
        var r = 0;
        if (_simd)
        {
            var vc = Vector256.Create(c);
            var vd = Vector256.Create(direction);
            for (; r <= gradBar.Length - Vector256<float>.Count; r += Vector256<float>.Count)
            {
                var (lo, hi) = Vector256.Widen(Vector256.Create(row.Slice(r, Vector256<float>.Count)));
                var barLo = gradBar.Slice(r, Vector256<double>.Count);
                var barHi = gradBar.Slice(r + Vector256<double>.Count, Vector256<double>.Count);
                (Vector256.Create<double>(barLo) + vd * (vc * lo)).CopyTo(barLo);
                (Vector256.Create<double>(barHi) + vd * (vc * hi)).CopyTo(barHi);
            }
        }

        for (; r < gradBar.Length; r++)
        {
            gradBar[r] += direction * (c * row[r]);
        }
    }
}
