"""Generate tests/goldens/sampling.json: the reference outputs our C# port must reproduce.

Run with the interpreter that has the pinned stack:
    /usr/bin/python3 tests/goldens/generate_sampling.py
(scikit-learn 1.2.1, numpy 1.24, pandas 1.5.3 -- asserted below so a silent upgrade cannot
change the goldens).

Everything is computed by the real libraries; nothing here re-implements the algorithms.
The split cases call train_test_split exactly the way the reference service does:
    train_test_split(np.arange(n), test_size=0.2, random_state=42,
                     stratify=pd.Series(list(zip(px, py))))
"""
import json
import os

import numpy as np
import pandas as pd
import sklearn
from sklearn.model_selection import KFold, train_test_split
from sklearn.model_selection._split import _validate_shuffle_split
from sklearn.utils import _approximate_mode
from sklearn.utils.validation import check_array

assert sklearn.__version__ == "1.2.1", sklearn.__version__
assert np.__version__.startswith("1.24"), np.__version__
assert pd.__version__ == "1.5.3", pd.__version__

SEED = 42
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sampling.json")


def ints(a):
    return [int(v) for v in a]


def raw_mt(n):
    # RandomState(42) seeds MT19937 with the legacy init_genrand(42); random_raw exposes
    # the untouched 32-bit outputs. Cross-check with randint(uint32) which returns them as-is.
    raw = np.random.RandomState(SEED)._bit_generator.random_raw(n)
    via_randint = np.random.RandomState(SEED).randint(0, 2**32, size=n, dtype=np.uint32)
    assert list(raw) == list(via_randint)
    return ints(raw)


def bounded64(high_inclusive, n):
    # Legacy randint with a range above 2^32-1 uses the same masked-rejection draw on
    # 64-bit outputs that permutation would use for huge arrays: it is our only practical
    # way to pin the 64-bit path of the bounded draw.
    return [str(v) for v in np.random.RandomState(SEED).randint(
        0, high_inclusive + 1, size=n, dtype=np.int64)]


def approx_mode_case(counts, draws):
    rng = np.random.RandomState(SEED)
    res = _approximate_mode(np.array(counts), draws, rng)
    # The next raw output tells how many numbers the call consumed.
    nxt = int(rng._bit_generator.random_raw())
    return {"counts": counts, "draws": draws, "result": ints(res), "next_raw": nxt}


def documented_fallback(px, py, test_fraction=0.2, seed=SEED):
    """Our OWN fallback rule (not sklearn), written independently from the C# code so the
    goldens pin the rule exactly as documented in StratifiedSplit.cs:
      1. rng = RandomState(seed); classes sorted as (x, y) tuples; rows of a class in input order.
      2. for every class in that order: reorder its rows by rng.permutation(count).
      3. k = #classes with >= 2 rows; test_count = min(max(n_test, k), n - k).
      4. test <- 1st permuted row of each such class, train <- 2nd permuted row (class order).
      5. rest = all other rows (class order, permuted order inside a class);
         o = rng.permutation(len(rest)); rest[o[:test_count-k]] -> test, rest[o[test_count-k:]] -> train.
      6. train = rng.permutation(train); test = rng.permutation(test).
    """
    n = len(px)
    n_test = int(np.ceil(test_fraction * n))
    rng = np.random.RandomState(seed)
    keys = list(zip(px, py))
    classes = sorted(set(keys))
    permuted = []
    for c in classes:
        rows = [i for i in range(n) if keys[i] == c]
        permuted.append([rows[j] for j in rng.permutation(len(rows))])
    eligible = [p for p in permuted if len(p) >= 2]
    k = len(eligible)
    assert k > 0
    test_count = min(max(n_test, k), n - k)
    test = [p[0] for p in eligible]
    train = [p[1] for p in eligible]
    rest = [r for p in permuted for r in (p[2:] if len(p) >= 2 else p)]
    order = rng.permutation(len(rest))
    extra = test_count - k
    test += [rest[i] for i in order[:extra]]
    train += [rest[i] for i in order[extra:]]
    train = rng.permutation(np.array(train, dtype=np.int64))
    test = rng.permutation(np.array(test, dtype=np.int64))
    return ints(train), ints(test)


def split_case(name, px, py):
    n = len(px)
    groups = pd.Series(list(zip(px, py)))
    # Confirm how sklearn sees this y: a 1-d object array of tuples whose np.unique order is
    # Python tuple order (numeric, lexicographic), not a string order.
    y = check_array(groups, input_name="y", ensure_2d=False, dtype=None)
    assert y.ndim == 1 and y.dtype == object
    classes = np.unique(y)
    assert [tuple(c) for c in classes] == sorted(set(zip(px, py)))
    case = {"name": name, "px": [float(v) for v in px], "py": [float(v) for v in py]}
    try:
        train, test = train_test_split(np.arange(n), test_size=0.2,
                                       random_state=SEED, stratify=groups)
        case["train"] = ints(train)
        case["test"] = ints(test)
    except ValueError as e:
        case["error"] = str(e)
        if len(set(zip(px, py))) < n:  # some class has >= 2 rows: fallback is defined
            tr, te = documented_fallback(px, py)
            case["fallback_train"] = tr
            case["fallback_test"] = te
    return case


def repeat_targets(targets, counts, shuffle_seed=None):
    """Rows in target-major order (or shuffled with a separate, fixed RandomState)."""
    rows = [t for t, c in zip(targets, counts) for _ in range(c)]
    if shuffle_seed is not None:
        order = np.random.RandomState(shuffle_seed).permutation(len(rows))
        rows = [rows[i] for i in order]
    return [r[0] for r in rows], [r[1] for r in rows]


def main():
    GRID9 = [(x, y) for y in (100, 540, 980) for x in (100, 960, 1820)]  # row-major screen grid

    cases = []
    # (a) 9 targets x 90 rows, target-major order.
    cases.append(split_case("a_9x90_target_major", *repeat_targets(GRID9, [90] * 9)))
    # (b) 9 targets with unequal counts 85..95 (odd steps), shuffled rows.
    cases.append(split_case("b_9_unequal_shuffled",
                            *repeat_targets(GRID9, [85, 95, 88, 91, 86, 93, 90, 87, 94], shuffle_seed=7)))
    # (c) 2 targets x 10.
    cases.append(split_case("c_2x10", *repeat_targets([(960, 540), (100, 100)], [10, 10])))
    # (d) 4 targets x 7: 7/28*22 = 5.5 for every class -> a 4-way tie for 2 extra train slots.
    cases.append(split_case("d_4x7", *repeat_targets([(100, 100), (1820, 100), (100, 980), (1820, 980)], [7] * 4)))
    # (e) tie cases.
    cases.append(split_case("e_3x4_ties", *repeat_targets([(1, 1), (2, 2), (3, 3)], [4] * 3)))
    cases.append(split_case("e_5x5_ties", *repeat_targets([(i, 0) for i in range(5)], [5] * 5)))
    cases.append(split_case("e_6_counts_5to7", *repeat_targets([(i, i) for i in range(6)], [5, 5, 6, 6, 7, 7], shuffle_seed=3)))
    cases.append(split_case("e_7_counts_4to6", *repeat_targets([(i, 10 - i) for i in range(7)], [4, 5, 6, 4, 5, 6, 5], shuffle_seed=4)))
    # (f) fractional coordinates and numeric-vs-string ordering (100 < 682.5 numerically, not as text),
    # equal x with different y, negative values.
    cases.append(split_case("f_fractional", *repeat_targets(
        [(682.5, 100.25), (100, 540), (20, 980), (682.5, 20), (-5.5, 3), (1820, 0.5)],
        [12, 9, 11, 10, 8, 13], shuffle_seed=11)))
    # Single class (stratification with one class is valid) and the smallest possible input.
    cases.append(split_case("single_class_7", *repeat_targets([(3, 4)], [7])))
    cases.append(split_case("single_class_2", *repeat_targets([(3, 4)], [2])))
    # (g) impossible for sklearn: our fallback handles these; record that sklearn raises.
    cases.append(split_case("g_5x3_impossible", *repeat_targets([(i, i) for i in range(5)], [3] * 5)))
    cases.append(split_case("g_7_counts_2to4", *repeat_targets([(i, 0) for i in range(7)], [2, 3, 4, 2, 3, 4, 3], shuffle_seed=5)))
    cases.append(split_case("g_singleton_class", *repeat_targets([(1, 1), (2, 2), (3, 3)], [10, 1, 10])))
    cases.append(split_case("g_3x3", *repeat_targets([(1, 1), (2, 2), (3, 3)], [3] * 3)))
    # 20 targets x 2 rows: k = 20 classes need a test row each, more than n_test = 8.
    cases.append(split_case("g_20x2", *repeat_targets([(i * 10.5, 7) for i in range(20)], [2] * 20, shuffle_seed=9)))
    # Only singletons plus one pair: the fallback must still find its single eligible class.
    cases.append(split_case("g_one_pair", *repeat_targets([(5, 5), (1, 2), (3, 4), (0, 9)], [1, 2, 1, 1])))
    # Random small configurations: exercise ties and the feasibility boundary broadly.
    gen = np.random.RandomState(2024)
    for k in range(40):
        n_classes = int(gen.randint(1, 9))
        counts = ints(gen.randint(1 if k % 4 == 0 else 2, 13, size=n_classes))
        targets = [(float(gen.randint(0, 20)) * 50.0, float(gen.randint(0, 4)) * 0.5) for _ in range(n_classes)]
        if len(set(targets)) != n_classes:
            continue
        cases.append(split_case(f"random_{k}", *repeat_targets(targets, counts, shuffle_seed=100 + k)))

    golden = {
        "seed": SEED,
        "mt19937_first20": raw_mt(20),
        "permutations": [{"m": m, "perm": ints(np.random.RandomState(SEED).permutation(m))}
                         for m in (1, 2, 5, 10, 100, 1000)],
        "bounded64": {"max": str(2**40), "values": bounded64(2**40, 20)},
        "choice_no_replace": [
            {"pop": p, "size": s,
             "result": ints(np.random.RandomState(SEED).choice(p, size=s, replace=False))}
            for p, s in ((1, 1), (4, 2), (4, 4), (7, 3))],
        "approximate_mode": [
            approx_mode_case([4, 2], 3), approx_mode_case([5, 2], 4),
            approx_mode_case([2, 2, 2, 1], 2), approx_mode_case([7, 7, 7, 7], 22),
            approx_mode_case([3, 3, 3], 7), approx_mode_case([2, 3, 4, 2, 3, 4, 3], 16),
            approx_mode_case([10, 10], 16), approx_mode_case([1, 1, 1, 1, 1], 3),
        ],
        "test_sizes": [{"n": n, "n_train": int(a), "n_test": int(b)}
                       for n in range(2, 301)
                       for a, b in [_validate_shuffle_split(n, 0.2, None)]],
        "kfold": [{"n": n, "folds": [{"train": ints(tr), "test": ints(te)}
                                     for tr, te in KFold(n_splits=5, shuffle=False).split(np.arange(n))]}
                  for n in (5, 7, 12, 23, 100)],
        "splits": cases,
    }

    with open(OUT, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}: {len(cases)} split cases, "
          f"{sum('error' in c for c in cases)} of which sklearn rejects")


if __name__ == "__main__":
    main()
