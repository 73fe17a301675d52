namespace Gaze.Models;

// Shrinking: setting aside variables stuck at a bound, and the slot permutation that does it.
internal sealed partial class SmoSolver
{
    /// <summary>
    /// Shrinking (Chang &amp; Lin, section 5.1): a variable at a bound whose gradient pushes it further past that
    /// bound than the current maximal violation can be set aside. The first time the violation drops below
    /// 10·tol the full gradient is rebuilt and everything is reconsidered once ("unshrink"), so that an early
    /// wrong guess cannot stick. Shrunk variables are swapped to the tail of the slot arrays.
    /// </summary>
    private void Shrink()
    {
        var gUp = double.NegativeInfinity;  // m(a) = max over I_up of -v
        var gLow = double.NegativeInfinity; // -M(a) = max over I_low of v
        for (var t = 0; t < _active; t++)
        {
            var v = _signedGrad[t];
            if ((_flags[t] & InUp) != 0 && -v >= gUp)
            {
                gUp = -v;
            }

            if ((_flags[t] & InLow) != 0 && v >= gLow)
            {
                gLow = v;
            }
        }

        if (!_unshrunk && gUp + gLow <= _tol * 10)
        {
            _unshrunk = true;
            RebuildInactiveGradient();
            SetActive(_size);
        }

        var active = _active;
        for (var t = 0; t < active; t++)
        {
            if (!CanShrink(t, gUp, gLow))
            {
                continue;
            }

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
        var v = _signedGrad[t];
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
}
