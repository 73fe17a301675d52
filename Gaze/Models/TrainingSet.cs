using System.Collections.Concurrent;

namespace Gaze.Models;

/// <summary>
/// Training rows and their targets, with what estimators derive from them and can share between
/// fits on the same rows: a grid search fits every candidate on each fold, and the centred design,
/// its Gram matrix or its decomposition do not depend on the candidate's hyper-parameters.
/// </summary>
/// <remarks>
/// The rows and targets must not change once the set is made. Derived values are only read once
/// made. Two fits asking at the same moment may both compute one (without a lock, which cost more
/// than the rare repeat); both then use the one that was kept, which is the same numbers anyway.
/// </remarks>
public sealed class TrainingSet(double[][] rows, double[] targets)
{
    private readonly ConcurrentDictionary<object, object> _derived = new();

    public double[][] Rows { get; } = rows;

    public double[] Targets { get; } = targets;

    /// <summary>
    /// The value <paramref name="create"/> derives from this set, computed on the first call for
    /// <paramref name="key"/> (a key says what is derived and from which parameters, if any).
    /// </summary>
    internal T Derived<T>(object key, Func<TrainingSet, T> create)
        where T : class =>
        (T)_derived.GetOrAdd(key, static (_, state) => state.Create(state.Set), (Create: create, Set: this));
}
