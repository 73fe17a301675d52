namespace Gaze.Sampling;

/// <summary>
/// Train/test row split identical to the reference service's
/// <c>train_test_split(np.arange(n), test_size=0.2, random_state=42, stratify=pd.Series(list(zip(px, py))))</c>
/// under scikit-learn 1.2.1 / numpy 1.24 — i.e. <c>StratifiedShuffleSplit(n_splits=1)</c> — with a
/// documented, non-throwing fallback where sklearn would raise.
/// </summary>
/// <remarks>
/// <para><b>Stratified path (exact sklearn behaviour).</b> n_test = ceil(testFraction · n) in double,
/// n_train = n − n_test. Classes are the distinct (X, Y) targets sorted numerically, X first then Y
/// (sklearn sees a 1-d object array of tuples, so np.unique orders them as Python tuples — not as
/// text). Each class keeps its rows in input order. With rng = RandomState(seed):
/// n_i = approximate_mode(counts, n_train); t_i = approximate_mode(counts − n_i, n_test); then
/// per class in order, p = rng.permutation(count): rows p[0..n_i) go to train, the next t_i to
/// test; finally train = rng.permutation(train), then test = rng.permutation(test).
/// It applies when every class has ≥ 2 rows, n_train ≥ #classes and n_test ≥ #classes —
/// precisely the cases in which sklearn does not raise.</para>
/// <para><b>Fallback (our rule; <see cref="SplitResult.Stratified"/> = false).</b> Used whenever
/// the stratified path does not apply. "Eligible" classes are those with ≥ 2 rows; k = their number.
/// <list type="number">
/// <item>k = 0 (this includes n = 0 and n = 1): throw <see cref="SplitImpossibleException"/>.</item>
/// <item>rng = RandomState(seed), fresh. Classes sorted as above, rows in input order; for every
/// class in that order (eligible or not) reorder its rows by rng.permutation(count).</item>
/// <item>testCount = min(max(n_test, k), n − k). So the test set has n_test rows unless there
/// are more eligible classes than that (then k rows); n − k caps it so each eligible class
/// keeps a training row (only reachable for large testFraction).</item>
/// <item>Test gets the 1st permuted row of each eligible class, train gets the 2nd (class order).</item>
/// <item>All other rows — the 3rd and later rows of eligible classes and the single row of each
/// singleton class — form <c>rest</c> (class order, permuted order inside a class).
/// o = rng.permutation(|rest|); rest[o[0]], …, rest[o[testCount − k − 1]] are appended to test,
/// the remaining rest[o[…]] to train, in that order.</item>
/// <item>train = rng.permutation(train), then test = rng.permutation(test).</item>
/// </list>
/// Guarantees: every eligible target has ≥ 1 test and ≥ 1 train row; train and test partition
/// 0..n−1; the result depends only on (targets, testFraction, seed).</para>
/// <para>WHY this rule: it keeps the property the product needs (each target that can be both
/// fitted and evaluated is), stays as close to the requested proportion as that allows, and
/// reuses the same seeded generator so it is deterministic and reproducible in Python
/// (tests/goldens/generate_sampling.py implements it independently).</para>
/// </remarks>
public static class StratifiedSplit
{
    /// <summary>Splits row indices 0..targets.Count−1; see the type remarks for the exact rules.</summary>
    /// <param name="targets">The stratification target (point_x, point_y) of each row.</param>
    /// <param name="testFraction">sklearn's float test_size, strictly between 0 and 1.</param>
    /// <param name="seed">sklearn's random_state.</param>
    /// <exception cref="SplitImpossibleException">No target has at least two rows.</exception>
    /// <exception cref="ArgumentException">A coordinate is NaN (it has no order to stratify by).</exception>
    public static SplitResult Split(IReadOnlyList<(double X, double Y)> targets, double testFraction = 0.2, uint seed = 42)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (!(testFraction > 0.0 && testFraction < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, "Must be strictly between 0 and 1.");
        }

        var n = targets.Count;
        var nTest = (int)Math.Ceiling(testFraction * n);
        var nTrain = n - nTest;
        var classes = GroupByTarget(targets);

        var stratifiable = n > 0
            && classes.All(rows => rows.Length >= 2)
            && nTrain >= classes.Count
            && nTest >= classes.Count;

        return stratifiable
            ? Stratified(classes, nTrain, nTest, seed)
            : Fallback(classes, n, nTest, seed);
    }

    /// <summary>Row lists per distinct target, targets ascending by (X, Y), rows in input order.</summary>
    private static List<int[]> GroupByTarget(IReadOnlyList<(double X, double Y)> targets)
    {
        var keys = new (double X, double Y)[targets.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            (var x, var y) = targets[i];
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                throw new ArgumentException($"Row {i} has a NaN target coordinate.", nameof(targets));
            }
            // + 0.0 turns −0.0 into 0.0: Python compares them equal, so they are one class there.
            keys[i] = (x + 0.0, y + 0.0);
        }

        // OrderBy is stable, so rows of one class stay in input order (sklearn: mergesort argsort).
        var classes = new List<int[]>();
        foreach (var group in Enumerable.Range(0, keys.Length)
                     .OrderBy(i => keys[i].X).ThenBy(i => keys[i].Y)
                     .GroupBy(i => keys[i])) // GroupBy keeps first-appearance order of the sorted rows
        {
            classes.Add(group.ToArray());
        }
        return classes;
    }

    private static SplitResult Stratified(List<int[]> classes, int nTrain, int nTest, uint seed)
    {
        var rng = new NumpyRandomState(seed);
        var counts = classes.Select(rows => rows.Length).ToArray();
        var trainPerClass = ApproximateMode.Compute(counts, nTrain, rng);
        var remaining = counts.Zip(trainPerClass, (c, t) => c - t).ToArray();
        var testPerClass = ApproximateMode.Compute(remaining, nTest, rng);

        var train = new List<int>(nTrain);
        var test = new List<int>(nTest);
        for (var c = 0; c < classes.Count; c++)
        {
            var rows = classes[c];
            var order = rng.Permutation(rows.Length);
            for (var k = 0; k < trainPerClass[c]; k++)
            {
                train.Add(rows[order[k]]);
            }
            for (var k = trainPerClass[c]; k < trainPerClass[c] + testPerClass[c]; k++)
            {
                test.Add(rows[order[k]]);
            }
        }

        // sklearn shuffles train first, then test: the order of these two calls matters.
        var trainOut = rng.Permutation(train);
        var testOut = rng.Permutation(test);
        return new SplitResult(trainOut, testOut, Stratified: true);
    }

    private static SplitResult Fallback(List<int[]> classes, int n, int nTest, uint seed)
    {
        var eligible = classes.Count(rows => rows.Length >= 2);
        if (eligible == 0)
        {
            throw new SplitImpossibleException(n == 0
                ? "There are no rows to split."
                : "No target has at least 2 rows, so no target can be in both the training and the test set.");
        }

        var rng = new NumpyRandomState(seed);
        var testCount = Math.Min(Math.Max(nTest, eligible), n - eligible);

        var train = new List<int>(n - testCount);
        var test = new List<int>(testCount);
        var rest = new List<int>(n);
        foreach (var rows in classes)
        {
            var permuted = rng.Permutation(rows.Length).Select(k => rows[k]).ToArray();
            var restFrom = 0;
            if (permuted.Length >= 2)
            {
                test.Add(permuted[0]);
                train.Add(permuted[1]);
                restFrom = 2;
            }
            rest.AddRange(permuted.Skip(restFrom));
        }

        var restOrder = rng.Permutation(rest.Count);
        var extraTest = testCount - eligible;
        for (var k = 0; k < restOrder.Length; k++)
        {
            (k < extraTest ? test : train).Add(rest[restOrder[k]]);
        }

        var trainOut = rng.Permutation(train);
        var testOut = rng.Permutation(test);
        return new SplitResult(trainOut, testOut, Stratified: false);
    }
}
