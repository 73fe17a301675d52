namespace Gaze.Sampling;

/// <summary>
/// Outcome of <see cref="StratifiedSplit.Split"/>: row indices (into the caller's list) for
/// training and for testing, in the order scikit-learn's <c>train_test_split</c> returns them.
/// </summary>
/// <param name="Train">Training row indices (sklearn's first returned array).</param>
/// <param name="Test">Test row indices (sklearn's second returned array).</param>
/// <param name="Stratified">
/// true: the exact sklearn 1.2.1 stratified split. false: sklearn would have raised, and the
/// documented fallback of <see cref="StratifiedSplit"/> produced the split instead — callers
/// should surface this, because the result no longer matches the reference service.
/// </param>
/// <remarks>
/// WHY the order matters: downstream code fits and scores in this order, so floating-point
/// results only match the reference when the rows come in the same sequence.
/// </remarks>
public sealed record SplitResult(int[] Train, int[] Test, bool Stratified);
