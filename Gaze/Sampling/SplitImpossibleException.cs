namespace Gaze.Sampling;

/// <summary>
/// The data cannot be split at all, even by the fallback rule: no target has two rows, so no
/// target could appear in both train and test (or, for <see cref="KFold"/>, there are fewer rows
/// than folds).
/// </summary>
/// <remarks>
/// WHY a dedicated type: this is a property of the caller's data, not a bug, so the API layer
/// can catch exactly this type and answer 422 with <see cref="Exception.Message"/> as the reason,
/// while real faults still surface as 500s.
/// </remarks>
public sealed class SplitImpossibleException : Exception
{
    /// <summary>Creates the exception with a human-readable reason.</summary>
    public SplitImpossibleException(string reason)
        : base(reason)
    {
    }
}
