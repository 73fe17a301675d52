using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gaze.Models;

// Working-set selection: which pair of variables the next iteration optimises.
internal sealed partial class SmoSolver
{
    /// <summary>
    /// Second-order working-set selection (WSS 3). i maximises -v_t over I_up; j, among I_low variables that
    /// violate the optimality condition with i (b = v_j - v_i &gt; 0), maximises the guaranteed decrease b²/a
    /// of the objective, with a = K_ii + K_jj - 2 K_ij replaced by tau when not positive. Returns false when the
    /// maximal violation m(a) - M(a) is below tol (or no j exists). Ties go to the later slot, as in libsvm.
    /// </summary>
    /// <remarks>
    /// With the masks, non-members score -inf. That never changes the outcome: a member always beats -inf, and
    /// when a set is empty its maximum stays -inf, so no b is positive and the method reports optimality just as
    /// libsvm does (the index then returned for i is never used). Masking can turn a -0.0 into +0.0, which no
    /// comparison or later sum distinguishes.
    /// </remarks>
    private bool SelectWorkingPair(out int bestI, out int bestJ)
    {
        var active = _active;
        ref var gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);

        double gMax;
        int iMax;
        if (_nextKnown)
        {
            gMax = _nextGMax;
            iMax = _nextI;
        }
        else
        {
            gMax = double.NegativeInfinity;
            iMax = -1;
            ref var upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
            for (var t = 0; t < active; t++)
            {
                var score = Unsafe.Add(ref upRef, t) - Unsafe.Add(ref gradRef, t);
                if (score >= gMax)
                {
                    gMax = score;
                    iMax = t;
                }
            }
        }

        // With I_up empty (iMax = -1) no b is positive and the row values never matter, but the SIMD scan
        // still loads them, so a real row (row 0) stands in.
        var row = _kernel.Row(iMax >= 0 ? _sample[iMax] : 0);
        var diagI = iMax >= 0 ? _diag[iMax] : 0.0;

        var scan = new LowScan
        {
            GMax2 = double.NegativeInfinity,
            BestDecrease = double.PositiveInfinity, // most negative -(b²/a) seen
            JMin = -1,
        };
        var start = _simd ? ScanLowVector(active, gMax, diagI, row, ref scan) : 0;
        ScanLowScalar(start, active, gMax, diagI, row, ref scan);

        bestI = iMax;
        bestJ = scan.JMin;
        return !(gMax + scan.GMax2 < _tol || scan.JMin == -1);
    }

    private struct LowScan
    {
        public double GMax2;
        public double BestDecrease;
        public int JMin;
    }

    // The scans below index with plain refs instead of spans: every slot index is < active (<= the length of
    // every slot array) and every sample index is < n (the length of a Gram row), so no access leaves its array.

    private void ScanLowScalar(int start, int active, double gMax, double diagI, ReadOnlySpan<float> row, ref LowScan scan)
    {
        ref var gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref var lowRef = ref MemoryMarshal.GetArrayDataReference(_lowMask);
        ref var sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref var diagRef = ref MemoryMarshal.GetArrayDataReference(_diag);
        ref var rowRef = ref MemoryMarshal.GetReference(row);
        for (var t = start; t < active; t++)
        {
            var v = Unsafe.Add(ref gradRef, t) + Unsafe.Add(ref lowRef, t);
            if (v >= scan.GMax2)
            {
                scan.GMax2 = v;
            }

            var b = gMax + v;
            if (b > 0)
            {
                // s_i s_t Q_it = K_it for either sign pattern, so the curvature is the plain kernel form.
                var a = diagI + Unsafe.Add(ref diagRef, t) - 2.0 * Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t));
                var decrease = -(b * b) / (a > 0 ? a : Tau);
                if (decrease <= scan.BestDecrease)
                {
                    scan.JMin = t;
                    scan.BestDecrease = decrease;
                }
            }
        }
    }

    /// <summary>
    /// Four-lane version of <see cref="ScanLowScalar"/> over the largest multiple of 4 slots; returns where the
    /// scalar tail must continue. Each lane keeps its own running minimum with the later index on ties; the
    /// lanes are then merged (smallest value, and among equal values the largest index), which is exactly the
    /// sequential "&lt;=" rule.
    /// </summary>
    private int ScanLowVector(int active, double gMax, double diagI, ReadOnlySpan<float> row, ref LowScan scan)
    {
        var end = active & ~3;
        if (end == 0)
        {
            return 0;
        }

        ref var gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref var lowRef = ref MemoryMarshal.GetArrayDataReference(_lowMask);
        ref var sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref var diagRef = ref MemoryMarshal.GetArrayDataReference(_diag);
        ref var rowRef = ref MemoryMarshal.GetReference(row);

        var gMaxV = Vector256.Create(gMax);
        var diagIV = Vector256.Create(diagI);
        var two = Vector256.Create(2.0);
        var tau = Vector256.Create(Tau);
        var zero = Vector256<double>.Zero;
        var gMax2V = Vector256.Create(double.NegativeInfinity);
        var bestV = Vector256.Create(double.PositiveInfinity);
        var bestIndex = Vector256.Create(-1L);
        var index = Vector256.Create(0L, 1L, 2L, 3L);
        var four = Vector256.Create(4L);

        for (var t = 0; t < end; t += 4)
        {
            var v = Vector256.LoadUnsafe(ref gradRef, (nuint)t) + Vector256.LoadUnsafe(ref lowRef, (nuint)t);
            gMax2V = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(v, gMax2V), v, gMax2V);
            var b = gMaxV + v;
            var k = Vector256.Create(
                (double)Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t)),
                (double)Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t + 1)),
                (double)Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t + 2)),
                (double)Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t + 3)));
            var a = diagIV + Vector256.LoadUnsafe(ref diagRef, (nuint)t) - two * k;
            a = Vector256.ConditionalSelect(Vector256.GreaterThan(a, zero), a, tau);
            var decrease = -(b * b) / a;
            var take = Vector256.GreaterThan(b, zero) & Vector256.LessThanOrEqual(decrease, bestV);
            bestV = Vector256.ConditionalSelect(take, decrease, bestV);
            bestIndex = Vector256.ConditionalSelect(take.AsInt64(), index, bestIndex);
            index += four;
        }

        for (var lane = 0; lane < 4; lane++)
        {
            var g = gMax2V.GetElement(lane);
            if (g >= scan.GMax2)
            {
                scan.GMax2 = g;
            }

            var j = (int)bestIndex.GetElement(lane);
            var d = bestV.GetElement(lane);
            if (j >= 0 && (d < scan.BestDecrease || (d == scan.BestDecrease && j > scan.JMin)))
            {
                scan.BestDecrease = d;
                scan.JMin = j;
            }
        }

        return end;
    }
}
