namespace Gaze.Models;

// The analytic two-variable step: the new values of the working pair, clipped into the box.
internal sealed partial class SmoSolver
{
    /// <summary>
    /// Minimises the objective over (a_i, a_j) with every other variable fixed, keeping the equality
    /// constraint, then clips the pair back into the box [0, C]² along the constraint line, and updates the
    /// gradient and the bound bookkeeping. The clipping sequence is the one libsvm uses (it determines the
    /// exact floating-point result when a corner is hit).
    /// </summary>
    private void OptimisePair(int i, int j)
    {
        var sampleI = _sample[i];
        var sampleJ = _sample[j];
        var c = _c;

        // Q_ii + Q_jj - 2 s_i s_j Q_ij reduces to K_ii + K_jj - 2 K_ij whatever the signs.
        var curvature = _diag[i] + _diag[j] - 2.0 * _kernel.Row(sampleI)[sampleJ];
        if (curvature <= 0)
        {
            curvature = Tau;
        }

        var gradI = _sign[i] * _signedGrad[i];
        var gradJ = _sign[j] * _signedGrad[j];
        var oldI = _alpha[i];
        var oldJ = _alpha[j];
        var ai = oldI;
        var aj = oldJ;

        if (_sign[i] != _sign[j])
        {
            // Constraint keeps a_i - a_j fixed: both move by the same Newton step along (1, 1).
            var step = (-gradI - gradJ) / curvature;
            var diff = ai - aj;
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
            var step = (gradI - gradJ) / curvature;
            var sum = ai + aj;
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

        var wasUpperI = _status[i] == AtUpper;
        var wasUpperJ = _status[j] == AtUpper;
        SetStatus(i, Classify(ai));
        SetStatus(j, Classify(aj));

        // v_t += s_t (Q_ti Δa_i + Q_tj Δa_j) = K_ti (s_i Δa_i) + K_tj (s_j Δa_j).
        UpdateGradient(sampleI, _sign[i] * (ai - oldI), sampleJ, _sign[j] * (aj - oldJ));

        if (wasUpperI != (_status[i] == AtUpper))
        {
            UpdateGradBar(sampleI, wasUpperI ? -_sign[i] : _sign[i]);
        }

        if (wasUpperJ != (_status[j] == AtUpper))
        {
            UpdateGradBar(sampleJ, wasUpperJ ? -_sign[j] : _sign[j]);
        }
    }
}
