namespace Gaze.Models;

/// <summary>Kernel functions offered by <see cref="SupportVectorRegression"/>.</summary>
public enum SvrKernelType
{
    /// <summary>k(a, b) = a·b.</summary>
    Linear,

    /// <summary>k(a, b) = exp(-gamma |a - b|²).</summary>
    Rbf,

    /// <summary>k(a, b) = (gamma a·b + coef0)^degree.</summary>
    Poly,
}
