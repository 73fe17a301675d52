namespace Gaze.Models;

// Rebuilding the exact gradient of shrunk variables before they rejoin the active set.
internal sealed partial class SmoSolver
{
    /// <summary>
    /// Recomputes the gradient of the shrunk slots: Ḡ + p covers the variables at C, and the free active
    /// variables are added one by one in slot order (the order libsvm accumulates in, whichever of its two loop
    /// nestings it picks: both add the same products in the same order). Variables at zero contribute nothing
    /// and every shrunk variable is at a bound, so this is exact.
    /// </summary>
    private void RebuildInactiveGradient()
    {
        var active = _active;
        if (active == _size)
        {
            return;
        }

        for (var t = active; t < _size; t++)
        {
            _signedGrad[t] = _signedGradBar[_sample[t]] + _signedP[t];
        }

        for (var u = 0; u < active; u++)
        {
            if (_status[u] != Free)
            {
                continue;
            }

            var weight = _sign[u] * _alpha[u];
            var row = _kernel.Row(_sample[u]);
            for (var t = active; t < _size; t++)
            {
                _signedGrad[t] += weight * row[_sample[t]];
            }
        }
    }
}
