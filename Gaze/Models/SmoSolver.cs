using System.Runtime.Intrinsics;

namespace Gaze.Models;

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
/// <para>
/// This file holds the state and the main loop; the steps live beside it, one per file: working-pair
/// selection (<c>SmoSolver.WorkingSet.cs</c>), the two-variable step (<c>SmoSolver.PairStep.cs</c>), the
/// gradient update after it (<c>SmoSolver.GradientUpdate.cs</c>), shrinking (<c>SmoSolver.Shrinking.cs</c>)
/// and the gradient rebuild of shrunk variables (<c>SmoSolver.GradientReconstruction.cs</c>).
/// </para>
/// </summary>
internal sealed partial class SmoSolver
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

        for (var r = 0; r < _n; r++)
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
        var iterations = 0;
        var hitLimit = false;
        // Shrinking is attempted every min(l, 1000) iterations; the +1 delays the first attempt by one.
        var countdown = Math.Min(_size, 1000) + 1;

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
                {
                    Shrink();
                }
            }

            if (!SelectWorkingPair(out var i, out var j))
            {
                // Optimal on the active set only: bring every variable back and check again.
                RebuildInactiveGradient();
                SetActive(_size);
                if (!SelectWorkingPair(out i, out j))
                {
                    break;
                }

                countdown = 1; // the shrunk set was wrong, so re-shrink right after this step
            }

            iterations++;
            if ((iterations & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            OptimisePair(i, j);
        }

        var rho = ComputeRho();

        var alphaBySlot = new double[_size];
        for (var t = 0; t < _size; t++)
        {
            alphaBySlot[_origin[t]] = _alpha[t];
        }

        var coefficients = new double[_n];
        for (var r = 0; r < _n; r++)
        {
            coefficients[r] = alphaBySlot[r] - alphaBySlot[r + _n];
        }

        return new SvrDualSolution(coefficients, rho, iterations, hitLimit);
    }

    private void SetActive(int active)
    {
        if (active != _active)
        {
            _nextKnown = false;
        }

        _active = active;
    }

    /// <summary>
    /// Records a variable's bound status and its set membership: alpha (s = +1) is in I_up below C and in
    /// I_low above 0; alpha* (s = -1) the other way round.
    /// </summary>
    private void SetStatus(int t, byte status)
    {
        var belowUpper = status != AtUpper;
        var aboveLower = status != AtLower;
        var up = _sign[t] > 0 ? belowUpper : aboveLower;
        var low = _sign[t] > 0 ? aboveLower : belowUpper;
        _status[t] = status;
        _flags[t] = (byte)((up ? InUp : 0) | (low ? InLow : 0));
        _upMask[t] = up ? 0.0 : double.NegativeInfinity;
        _lowMask[t] = low ? 0.0 : double.NegativeInfinity;
    }

    /// <summary>The bound status of a new value of a variable.</summary>
    private byte Classify(double a) => a >= _c ? AtUpper : a <= 0 ? AtLower : Free;

    /// <summary>
    /// rho = average of v over free variables (all equal at the optimum); without free variables, the midpoint
    /// of the interval the KKT conditions leave, bounded by the variables at their bounds.
    /// </summary>
    private double ComputeRho()
    {
        var free = 0;
        var upper = double.PositiveInfinity;
        var lower = double.NegativeInfinity;
        double sum = 0;
        for (var t = 0; t < _active; t++)
        {
            var v = _signedGrad[t];
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
