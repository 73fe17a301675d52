using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Gaze.Models;

/// <summary>Result of <see cref="SmoSolver.Solve"/>.</summary>
/// <param name="Coefficients">Per training row, alpha_i - alpha*_i (the dual coefficient; zero for non-support rows).</param>
/// <param name="Rho">Offset: the decision function is Σ coef_i k(x_i, x) - rho.</param>
/// <param name="Iterations">Number of two-variable updates performed.</param>
/// <param name="HitIterationLimit">True when the solver stopped at maxIter before meeting the tolerance.</param>
internal readonly record struct SvrDualSolution(double[] Coefficients, double Rho, int Iterations, bool HitIterationLimit);

/// <summary>
/// Sequential minimal optimisation for the epsilon-SVR dual, following the algorithm of libsvm as described in
/// Chang &amp; Lin, "LIBSVM: A Library for Support Vector Machines" (section 4) and Fan, Chen &amp; Lin (JMLR 2005):
/// <code>
///   min_a  ½ aᵀ Q a + pᵀ a   s.t.  Σ s_t a_t = 0,  0 ≤ a_t ≤ C,   t = 0 … 2n-1
/// </code>
/// The first n variables are alpha (sign s = +1, p = eps - y), the last n are alpha* (s = -1, p = eps + y), and
/// Q_tu = s_t s_u K(x_t, x_u). Working pairs come from second-order selection ("WSS 3"), the stop test is the
/// maximal violation m(a) - M(a) &lt; tol, rho is averaged over free variables (midpoint of the feasible
/// interval when none is free), and variables stuck at a bound are shrunk away with libsvm's heuristic,
/// including its one-time "unshrink" and gradient reconstruction.
/// <para>
/// The aim is bit-parity with scikit-learn's libsvm (the parity tests see identical iteration counts and
/// predictions), so besides the algorithm the arithmetic is kept equal: Gram entries are floats, every sum
/// accumulates in the same order, argmax/argmin ties go to the later slot, and shrinking uses the same
/// permutation (swap with the last active slot), which fixes the scan order.
/// </para>
/// <para>
/// The state is stored in signed form: instead of ∇f_t the solver keeps v_t = s_t ∇f_t, the quantity every
/// libsvm test compares. Because s_t = ±1 and IEEE rounding is symmetric under negation,
/// s_t(∇f_t + Q_ti δ) = v_t + K_ti (s_i δ) exactly, so the signed form produces the very same doubles while
/// dropping sign bookkeeping from the hot loops and reading rows of the n×n kernel matrix directly (libsvm
/// builds a 2n-long permuted column of Q for every access). Set membership (I_up / I_low) is kept as additive
/// masks, 0 or -inf, so the scans are branch-free and run four slots at a time where 256-bit SIMD exists;
/// each lane performs exactly the scalar operations, so both paths give identical results.
/// </para>
/// </summary>
internal sealed class SmoSolver
{
    /// <summary>Curvature used when a pair's quadratic coefficient is not positive (Fan et al., section 3).</summary>
    private const double Tau = 1e-12;

    private const byte AtLower = 0;
    private const byte AtUpper = 1;
    private const byte Free = 2;

    /// <summary>Flag bit: the variable may move in the direction that increases s_t a_t (set I_up).</summary>
    private const byte InUp = 1;

    /// <summary>Flag bit: the variable may move in the direction that decreases s_t a_t (set I_low).</summary>
    private const byte InLow = 2;

    private readonly KernelMatrix _kernel;
    private readonly int _n;
    private readonly int _size;
    private readonly double _c;
    private readonly double _tol;
    private readonly bool _shrinking;
    private readonly int _maxIter;
    private readonly bool _simd;

    // Per-variable state, indexed by slot. Shrinking permutes slots so that the active variables occupy
    // [0, _active); every slot array is permuted together (see Swap).
    private readonly int[] _sample;        // training row the variable belongs to
    private readonly double[] _sign;       // s: +1 for alpha, -1 for alpha*
    private readonly double[] _diag;       // K(x, x) of that row, in double (libsvm's QD)
    private readonly double[] _signedP;    // s p
    private readonly double[] _alpha;
    private readonly double[] _signedGrad; // v = s ∇f, exact for active slots
    private readonly byte[] _status;
    private readonly byte[] _flags;        // InUp | InLow, derived from sign and status
    private readonly double[] _upMask;     // 0 if in I_up, else -inf: (mask - v) is -v for members, -inf otherwise
    private readonly double[] _lowMask;    // 0 if in I_low, else -inf: (v + mask) is v for members, -inf otherwise
    private readonly int[] _origin;        // slot the variable had before any permutation

    // s_t Ḡ_t with Ḡ = C Σ_{u at upper bound} Q_tu (libsvm's G_bar). It only depends on the training row of t,
    // so it is kept per row, unpermuted.
    private readonly double[] _signedGradBar;

    private readonly double[] _column; // scratch: combined kernel column of the working pair, per training row

    private int _active;
    private bool _unshrunk;

    // The gradient pass of an update also finds the next i (argmax over I_up); valid until the active set changes.
    private bool _nextKnown;
    private int _nextI;
    private double _nextGMax;

    private SmoSolver(KernelMatrix kernel, double[] targets, double c, double epsilon, double tol, bool shrinking, int maxIter, bool simd)
    {
        _kernel = kernel;
        _n = targets.Length;
        _size = 2 * _n;
        _c = c;
        _tol = tol;
        _shrinking = shrinking;
        _maxIter = maxIter;
        _simd = simd && Vector256.IsHardwareAccelerated;

        _sample = new int[_size];
        _sign = new double[_size];
        _diag = new double[_size];
        _signedP = new double[_size];
        _alpha = new double[_size];
        _signedGrad = new double[_size];
        _status = new byte[_size];
        _flags = new byte[_size];
        _upMask = new double[_size];
        _lowMask = new double[_size];
        _origin = new int[_size];
        _signedGradBar = new double[_n];
        _column = new double[_n];

        for (int r = 0; r < _n; r++)
        {
            // alpha_r penalises f(x_r) > y_r + eps, alpha*_r penalises f(x_r) < y_r - eps.
            Init(r, r, +1.0, epsilon - targets[r], kernel.Diagonal[r]);
            Init(r + _n, r, -1.0, epsilon + targets[r], kernel.Diagonal[r]);
        }

        _active = _size;
    }

    private void Init(int slot, int row, double sign, double p, double diagonal)
    {
        _sample[slot] = row;
        _sign[slot] = sign;
        _diag[slot] = diagonal;
        _signedP[slot] = sign * p;
        _signedGrad[slot] = sign * p; // a = 0, so ∇f = p and nothing sits at the upper bound yet
        _alpha[slot] = 0;
        _origin[slot] = slot;
        SetStatus(slot, AtLower);
    }

    /// <summary>Solves the epsilon-SVR dual.</summary>
    /// <param name="kernel">Kernel matrix of the training rows (float entries, double diagonal).</param>
    /// <param name="targets">Training targets (n).</param>
    /// <param name="c">Box constraint C.</param>
    /// <param name="epsilon">Half-width of the insensitive tube.</param>
    /// <param name="tol">Stopping tolerance on the maximal violation.</param>
    /// <param name="shrinking">Use the shrinking heuristic.</param>
    /// <param name="maxIter">Iteration cap, -1 for none.</param>
    /// <param name="simd">Use 256-bit SIMD scans when the hardware has them (results are identical either way).</param>
    /// <param name="cancellationToken">Checked every 1,024 iterations; a large problem can take minutes.</param>
    public static SvrDualSolution Solve(KernelMatrix kernel, double[] targets, double c, double epsilon, double tol, bool shrinking, int maxIter, bool simd = true,
        CancellationToken cancellationToken = default)
        => new SmoSolver(kernel, targets, c, epsilon, tol, shrinking, maxIter, simd).Run(cancellationToken);

    private SvrDualSolution Run(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int iterations = 0;
        bool hitLimit = false;
        // Shrinking is attempted every min(l, 1000) iterations; the +1 delays the first attempt by one.
        int countdown = Math.Min(_size, 1000) + 1;

        while (true)
        {
            if (_maxIter != -1 && iterations >= _maxIter)
            {
                // As in scikit-learn's libsvm: stop where we are, without rebuilding shrunk gradients.
                hitLimit = true;
                break;
            }

            if (--countdown == 0)
            {
                countdown = Math.Min(_size, 1000);
                if (_shrinking)
                    Shrink();
            }

            if (!SelectWorkingPair(out int i, out int j))
            {
                // Optimal on the active set only: bring every variable back and check again.
                RebuildInactiveGradient();
                SetActive(_size);
                if (!SelectWorkingPair(out i, out j))
                    break;
                countdown = 1; // the shrunk set was wrong, so re-shrink right after this step
            }

            iterations++;
            if ((iterations & 1023) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            OptimisePair(i, j);
        }

        double rho = ComputeRho();

        var alphaBySlot = new double[_size];
        for (int t = 0; t < _size; t++)
            alphaBySlot[_origin[t]] = _alpha[t];
        var coefficients = new double[_n];
        for (int r = 0; r < _n; r++)
            coefficients[r] = alphaBySlot[r] - alphaBySlot[r + _n];

        return new SvrDualSolution(coefficients, rho, iterations, hitLimit);
    }

    private void SetActive(int active)
    {
        if (active != _active)
            _nextKnown = false;
        _active = active;
    }

    /// <summary>
    /// Records a variable's bound status and its set membership: alpha (s = +1) is in I_up below C and in
    /// I_low above 0; alpha* (s = -1) the other way round.
    /// </summary>
    private void SetStatus(int t, byte status)
    {
        bool belowUpper = status != AtUpper;
        bool aboveLower = status != AtLower;
        bool up = _sign[t] > 0 ? belowUpper : aboveLower;
        bool low = _sign[t] > 0 ? aboveLower : belowUpper;
        _status[t] = status;
        _flags[t] = (byte)((up ? InUp : 0) | (low ? InLow : 0));
        _upMask[t] = up ? 0.0 : double.NegativeInfinity;
        _lowMask[t] = low ? 0.0 : double.NegativeInfinity;
    }

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
        int active = _active;
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);

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
            ref double upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
            for (int t = 0; t < active; t++)
            {
                double score = Unsafe.Add(ref upRef, t) - Unsafe.Add(ref gradRef, t);
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
        double diagI = iMax >= 0 ? _diag[iMax] : 0.0;

        var scan = new LowScan
        {
            GMax2 = double.NegativeInfinity,
            BestDecrease = double.PositiveInfinity, // most negative -(b²/a) seen
            JMin = -1,
        };
        int start = _simd ? ScanLowVector(active, gMax, diagI, row, ref scan) : 0;
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
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref double lowRef = ref MemoryMarshal.GetArrayDataReference(_lowMask);
        ref int sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref double diagRef = ref MemoryMarshal.GetArrayDataReference(_diag);
        ref float rowRef = ref MemoryMarshal.GetReference(row);
        for (int t = start; t < active; t++)
        {
            double v = Unsafe.Add(ref gradRef, t) + Unsafe.Add(ref lowRef, t);
            if (v >= scan.GMax2)
                scan.GMax2 = v;
            double b = gMax + v;
            if (b > 0)
            {
                // s_i s_t Q_it = K_it for either sign pattern, so the curvature is the plain kernel form.
                double a = diagI + Unsafe.Add(ref diagRef, t) - 2.0 * Unsafe.Add(ref rowRef, Unsafe.Add(ref sampleRef, t));
                double decrease = -(b * b) / (a > 0 ? a : Tau);
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
        int end = active & ~3;
        if (end == 0)
            return 0;

        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref double lowRef = ref MemoryMarshal.GetArrayDataReference(_lowMask);
        ref int sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref double diagRef = ref MemoryMarshal.GetArrayDataReference(_diag);
        ref float rowRef = ref MemoryMarshal.GetReference(row);

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

        for (int t = 0; t < end; t += 4)
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

        for (int lane = 0; lane < 4; lane++)
        {
            double g = gMax2V.GetElement(lane);
            if (g >= scan.GMax2)
                scan.GMax2 = g;
            int j = (int)bestIndex.GetElement(lane);
            double d = bestV.GetElement(lane);
            if (j >= 0 && (d < scan.BestDecrease || (d == scan.BestDecrease && j > scan.JMin)))
            {
                scan.BestDecrease = d;
                scan.JMin = j;
            }
        }

        return end;
    }

    /// <summary>
    /// Minimises the objective over (a_i, a_j) with every other variable fixed, keeping the equality
    /// constraint, then clips the pair back into the box [0, C]² along the constraint line, and updates the
    /// gradient and the bound bookkeeping. The clipping sequence is the one libsvm uses (it determines the
    /// exact floating-point result when a corner is hit).
    /// </summary>
    private void OptimisePair(int i, int j)
    {
        int sampleI = _sample[i];
        int sampleJ = _sample[j];
        double c = _c;

        // Q_ii + Q_jj - 2 s_i s_j Q_ij reduces to K_ii + K_jj - 2 K_ij whatever the signs.
        double curvature = _diag[i] + _diag[j] - 2.0 * _kernel.Row(sampleI)[sampleJ];
        if (curvature <= 0)
            curvature = Tau;

        double gradI = _sign[i] * _signedGrad[i];
        double gradJ = _sign[j] * _signedGrad[j];
        double oldI = _alpha[i];
        double oldJ = _alpha[j];
        double ai = oldI;
        double aj = oldJ;

        if (_sign[i] != _sign[j])
        {
            // Constraint keeps a_i - a_j fixed: both move by the same Newton step along (1, 1).
            double step = (-gradI - gradJ) / curvature;
            double diff = ai - aj;
            ai += step;
            aj += step;
            // Lower corner: the variable the line takes below zero is clamped, the other keeps the difference.
            if (diff > 0)
            {
                if (aj < 0)
                {
                    aj = 0;
                    ai = diff;
                }
            }
            else if (ai < 0)
            {
                ai = 0;
                aj = -diff;
            }

            // Upper corner (C_i = C_j here, so the general test diff > C_i - C_j is diff > 0).
            if (diff > c - c)
            {
                if (ai > c)
                {
                    ai = c;
                    aj = c - diff;
                }
            }
            else if (aj > c)
            {
                aj = c;
                ai = c + diff;
            }
        }
        else
        {
            // Constraint keeps a_i + a_j fixed: they move in opposite directions along (1, -1).
            double step = (gradI - gradJ) / curvature;
            double sum = ai + aj;
            ai -= step;
            aj += step;
            if (sum > c)
            {
                if (ai > c)
                {
                    ai = c;
                    aj = sum - c;
                }
            }
            else if (aj < 0)
            {
                aj = 0;
                ai = sum;
            }

            if (sum > c)
            {
                if (aj > c)
                {
                    aj = c;
                    ai = sum - c;
                }
            }
            else if (ai < 0)
            {
                ai = 0;
                aj = sum;
            }
        }

        _alpha[i] = ai;
        _alpha[j] = aj;

        bool wasUpperI = _status[i] == AtUpper;
        bool wasUpperJ = _status[j] == AtUpper;
        SetStatus(i, Classify(ai));
        SetStatus(j, Classify(aj));

        // v_t += s_t (Q_ti Δa_i + Q_tj Δa_j) = K_ti (s_i Δa_i) + K_tj (s_j Δa_j).
        UpdateGradient(sampleI, _sign[i] * (ai - oldI), sampleJ, _sign[j] * (aj - oldJ));

        if (wasUpperI != (_status[i] == AtUpper))
            UpdateGradBar(sampleI, wasUpperI ? -_sign[i] : _sign[i]);
        if (wasUpperJ != (_status[j] == AtUpper))
            UpdateGradBar(sampleJ, wasUpperJ ? -_sign[j] : _sign[j]);
    }

    private byte Classify(double a) => a >= _c ? AtUpper : a <= 0 ? AtLower : Free;

    /// <summary>
    /// Applies the pair's step to the active gradients and, in the same pass, finds the next iteration's i
    /// (argmax of -v over I_up, later slot on ties), saving a separate scan.
    /// </summary>
    private void UpdateGradient(int sampleI, double wi, int sampleJ, double wj)
    {
        int active = _active;
        var kI = _kernel.Row(sampleI);
        var kJ = _kernel.Row(sampleJ); // a lazy KernelMatrix keeps kI valid across this second request
        double gMax = double.NegativeInfinity;
        int iMax = -1;

        // Combine the two kernel rows once per training row (contiguous, SIMD), then scatter to the active slots:
        // cheaper than gathering two floats per slot, since most rows have both their slots active.
        CombineRows(kI, wi, kJ, wj, _column);
        int start = _simd ? ScatterVector(active, ref gMax, ref iMax) : 0;
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
        int n = column.Length;
        int r = 0;
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
            column[r] = kI[r] * wi + kJ[r] * wj;
    }

    private void ScatterScalar(int start, int active, ref double gMax, ref int iMax)
    {
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref double upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
        ref int sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref double columnRef = ref MemoryMarshal.GetArrayDataReference(_column);
        for (int t = start; t < active; t++)
        {
            double v = Unsafe.Add(ref gradRef, t) + Unsafe.Add(ref columnRef, Unsafe.Add(ref sampleRef, t));
            Unsafe.Add(ref gradRef, t) = v;
            double score = Unsafe.Add(ref upRef, t) - v;
            if (score >= gMax)
            {
                gMax = score;
                iMax = t;
            }
        }
    }

    private int ScatterVector(int active, ref double gMax, ref int iMax)
    {
        int end = active & ~3;
        if (end == 0)
            return 0;
        ref double gradRef = ref MemoryMarshal.GetArrayDataReference(_signedGrad);
        ref double upRef = ref MemoryMarshal.GetArrayDataReference(_upMask);
        ref int sampleRef = ref MemoryMarshal.GetArrayDataReference(_sample);
        ref double columnRef = ref MemoryMarshal.GetArrayDataReference(_column);
        var bestV = Vector256.Create(double.NegativeInfinity);
        var bestIndex = Vector256.Create(-1L);
        var index = Vector256.Create(0L, 1L, 2L, 3L);
        var four = Vector256.Create(4L);
        for (int t = 0; t < end; t += 4)
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
        for (int lane = 0; lane < 4; lane++)
        {
            int t = (int)bestIndex.GetElement(lane);
            double g = bestV.GetElement(lane);
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
        double c = _c;
        int r = 0;
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
            gradBar[r] += direction * (c * row[r]);
    }

    /// <summary>
    /// Shrinking (Chang &amp; Lin, section 5.1): a variable at a bound whose gradient pushes it further past that
    /// bound than the current maximal violation can be set aside. The first time the violation drops below
    /// 10·tol the full gradient is rebuilt and everything is reconsidered once ("unshrink"), so that an early
    /// wrong guess cannot stick. Shrunk variables are swapped to the tail of the slot arrays.
    /// </summary>
    private void Shrink()
    {
        double gUp = double.NegativeInfinity;  // m(a) = max over I_up of -v
        double gLow = double.NegativeInfinity; // -M(a) = max over I_low of v
        for (int t = 0; t < _active; t++)
        {
            double v = _signedGrad[t];
            if ((_flags[t] & InUp) != 0 && -v >= gUp)
                gUp = -v;
            if ((_flags[t] & InLow) != 0 && v >= gLow)
                gLow = v;
        }

        if (!_unshrunk && gUp + gLow <= _tol * 10)
        {
            _unshrunk = true;
            RebuildInactiveGradient();
            SetActive(_size);
        }

        int active = _active;
        for (int t = 0; t < active; t++)
        {
            if (!CanShrink(t, gUp, gLow))
                continue;
            // Fill slot t with the last active variable that stays, dropping shrinkable ones on the way.
            active--;
            while (active > t)
            {
                if (!CanShrink(active, gUp, gLow))
                {
                    Swap(t, active);
                    break;
                }

                active--;
            }
        }

        SetActive(active);
    }

    /// <summary>
    /// A bounded variable belongs to exactly one of I_up / I_low. It can be shrunk when it would not form a
    /// violating pair even with the most extreme variable of the other set.
    /// </summary>
    private bool CanShrink(int t, double gUp, double gLow)
    {
        double v = _signedGrad[t];
        return _flags[t] switch
        {
            // Only able to increase s·a: it could only serve as i, and even the smallest v of I_low (-gLow)
            // leaves no violation when -v < -gLow.
            InUp => v > gLow,
            // Only able to decrease s·a: it could only serve as j, and v < -gUp means no i violates with it.
            InLow => -v > gUp,
            _ => false, // free variables stay
        };
    }

    private void Swap(int a, int b)
    {
        (_sample[a], _sample[b]) = (_sample[b], _sample[a]);
        (_sign[a], _sign[b]) = (_sign[b], _sign[a]);
        (_diag[a], _diag[b]) = (_diag[b], _diag[a]);
        (_signedP[a], _signedP[b]) = (_signedP[b], _signedP[a]);
        (_alpha[a], _alpha[b]) = (_alpha[b], _alpha[a]);
        (_signedGrad[a], _signedGrad[b]) = (_signedGrad[b], _signedGrad[a]);
        (_status[a], _status[b]) = (_status[b], _status[a]);
        (_flags[a], _flags[b]) = (_flags[b], _flags[a]);
        (_upMask[a], _upMask[b]) = (_upMask[b], _upMask[a]);
        (_lowMask[a], _lowMask[b]) = (_lowMask[b], _lowMask[a]);
        (_origin[a], _origin[b]) = (_origin[b], _origin[a]);
        _nextKnown = false;
    }

    /// <summary>
    /// Recomputes the gradient of the shrunk slots: Ḡ + p covers the variables at C, and the free active
    /// variables are added one by one in slot order (the order libsvm accumulates in, whichever of its two loop
    /// nestings it picks: both add the same products in the same order). Variables at zero contribute nothing
    /// and every shrunk variable is at a bound, so this is exact.
    /// </summary>
    private void RebuildInactiveGradient()
    {
        int active = _active;
        if (active == _size)
            return;

        for (int t = active; t < _size; t++)
            _signedGrad[t] = _signedGradBar[_sample[t]] + _signedP[t];

        for (int u = 0; u < active; u++)
        {
            if (_status[u] != Free)
                continue;
            double weight = _sign[u] * _alpha[u];
            var row = _kernel.Row(_sample[u]);
            for (int t = active; t < _size; t++)
                _signedGrad[t] += weight * row[_sample[t]];
        }
    }

    /// <summary>
    /// rho = average of v over free variables (all equal at the optimum); without free variables, the midpoint
    /// of the interval the KKT conditions leave, bounded by the variables at their bounds.
    /// </summary>
    private double ComputeRho()
    {
        int free = 0;
        double upper = double.PositiveInfinity;
        double lower = double.NegativeInfinity;
        double sum = 0;
        for (int t = 0; t < _active; t++)
        {
            double v = _signedGrad[t];
            if (_status[t] == Free)
            {
                free++;
                sum += v;
            }
            else if (_flags[t] == InUp)
            {
                upper = upper < v ? upper : v;
            }
            else
            {
                lower = lower > v ? lower : v;
            }
        }

        return free > 0 ? sum / free : (upper + lower) / 2;
    }
}
