namespace Gaze.Models;

/// <summary>Result of <see cref="SmoSolver.Solve"/>.</summary>
/// <param name="Coefficients">Per training row, alpha_i - alpha*_i (the dual coefficient; zero for non-support rows).</param>
/// <param name="Rho">Offset: the decision function is Σ coef_i k(x_i, x) - rho.</param>
/// <param name="Iterations">Number of two-variable updates performed.</param>
/// <param name="HitIterationLimit">True when the solver stopped at maxIter before meeting the tolerance.</param>
internal readonly record struct SvrDualSolution(double[] Coefficients, double Rho, int Iterations, bool HitIterationLimit);
