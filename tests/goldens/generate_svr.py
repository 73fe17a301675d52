"""Generates tests/goldens/svr.json: scikit-learn 1.2.1 SVR references for the C# SupportVectorRegression.

Run with the interpreter that has scikit-learn 1.2.1 / numpy 1.24:
    /usr/bin/python3 tests/goldens/generate_svr.py [--time]

Datasets
  small : 40x2 standard-normal features, smooth nonlinear target plus noise (30 held-out rows).
  gaze  : the realistic calibration-like case. Two iris columns (petal length, sepal width), rows resampled
          to 650 with a little feature jitter, standardized with the training rows' mean/std, expanded with
          Poly2 -> [1, a, b, a^2, ab, b^2]. Targets in pixels: x in {100, 960, 1820} by species and
          y in {100, 540, 980} by sepal-width tercile (a 3x3 grid), plus N(0, 25 px) noise.
          First 520 rows train, last 130 rows test.

Cases record sklearn predictions on the test rows, intercept_, support size, dual_coef_ and n_iter_.
The "grid" section reproduces the production grid search (rbf, C x gamma, 5-fold KFold without shuffle on
the 520 training rows, target x) and stores every out-of-fold prediction (150 fits).
With --time the 150 grid fits (fit + predict) are timed; the best of 3 repetitions is printed and stored.
"""
import json
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import sklearn
from sklearn.datasets import load_iris
from sklearn.model_selection import KFold
from sklearn.svm import SVR

assert sklearn.__version__ == "1.2.1", sklearn.__version__

GRID_C = [50, 100, 200, 500, 1000, 2000]
GRID_GAMMA = [0.1, 0.5, 1, 2, 5]


def small_dataset():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((70, 2))
    y = 3.0 * np.sin(X[:, 0]) + 0.5 * X[:, 1] ** 2 - X[:, 0] * X[:, 1] + 0.3 * rng.standard_normal(70)
    return X[:40], y[:40], X[40:], y[40:]


def poly2(Z):
    a, b = Z[:, 0], Z[:, 1]
    return np.column_stack([np.ones_like(a), a, b, a * a, a * b, b * b])


def gaze_dataset():
    iris = load_iris()
    rng = np.random.default_rng(2024)
    idx = rng.integers(0, 150, 650)
    raw = iris.data[idx][:, [2, 1]] + rng.normal(0.0, 0.08, (650, 2))
    species = iris.target[idx]
    width = iris.data[idx, 1]
    terciles = np.quantile(iris.data[:, 1], [1 / 3, 2 / 3])
    row = np.digitize(width, terciles)
    tx = np.array([100.0, 960.0, 1820.0])[species] + rng.normal(0.0, 25.0, 650)
    ty = np.array([100.0, 540.0, 980.0])[row] + rng.normal(0.0, 25.0, 650)
    train, test = slice(0, 520), slice(520, 650)
    mean = raw[train].mean(axis=0)
    std = raw[train].std(axis=0)
    Z = (raw - mean) / std
    X = poly2(Z)
    return X[train], tx[train], ty[train], X[test], tx[test], ty[test]


def svr_params(kernel, C=1.0, epsilon=0.1, gamma="scale", degree=3, coef0=0.0, shrinking=True, tol=1e-3, max_iter=-1):
    return dict(kernel=kernel, C=C, epsilon=epsilon, gamma=gamma, degree=degree, coef0=coef0,
                shrinking=shrinking, tol=tol, max_iter=max_iter)


def run_case(name, dataset, target, params, Xtr, ytr, Xte):
    m = SVR(**params).fit(Xtr, ytr)
    pred = m.predict(Xte)
    return {
        "name": name,
        "dataset": dataset,
        "target": target,
        "params": params,
        "gamma_used": float(m._gamma),
        "intercept": float(m.intercept_[0]),
        "n_support": int(m.support_.shape[0]),
        "support": m.support_.tolist(),
        "dual_coef": m.dual_coef_[0].tolist(),
        "n_iter": int(np.ravel(m.n_iter_)[0]),
        "predictions": pred.tolist(),
    }


def grid(Xtr, ytr):
    folds = list(KFold(n_splits=5).split(Xtr))
    out = []
    for C in GRID_C:
        for g in GRID_GAMMA:
            oof = np.empty(len(ytr))
            iters = []
            for tr, te in folds:
                m = SVR(kernel="rbf", C=C, gamma=g).fit(Xtr[tr], ytr[tr])
                oof[te] = m.predict(Xtr[te])
                iters.append(int(np.ravel(m.n_iter_)[0]))
            out.append({"C": C, "gamma": g, "n_iter": iters, "oof_predictions": oof.tolist()})
    return folds, out


def time_grid(Xtr, ytr, reps=3):
    folds = list(KFold(n_splits=5).split(Xtr))
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        for C in GRID_C:
            for g in GRID_GAMMA:
                for tr, te in folds:
                    SVR(kernel="rbf", C=C, gamma=g).fit(Xtr[tr], ytr[tr]).predict(Xtr[te])
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    warnings.simplefilter("ignore")  # the max_iter case raises ConvergenceWarning on purpose
    Sx, Sy, Sxt, Syt = small_dataset()
    Gx, Gtx, Gty, Gxt, Gtxt, Gtyt = gaze_dataset()
    datasets = {
        "small": {"train_x": Sx.tolist(), "test_x": Sxt.tolist(),
                  "targets": {"y": Sy.tolist()}},
        "gaze": {"train_x": Gx.tolist(), "test_x": Gxt.tolist(),
                 "targets": {"x": Gtx.tolist(), "y": Gty.tolist()}},
    }
    specs = [
        ("small_linear_C1", "small", "y", svr_params("linear")),
        ("small_rbf_default", "small", "y", svr_params("rbf")),
        ("small_rbf_C100_g0.5", "small", "y", svr_params("rbf", C=100, gamma=0.5)),
        ("small_poly3_default", "small", "y", svr_params("poly")),
        ("small_poly3_C10_coef1", "small", "y", svr_params("poly", C=10, coef0=1.0, gamma=0.5)),
        ("small_rbf_C10_noshrink", "small", "y", svr_params("rbf", C=10, gamma=1.0, shrinking=False)),
        ("gaze_x_linear_C1", "gaze", "x", svr_params("linear")),
        ("gaze_y_linear_C1", "gaze", "y", svr_params("linear")),
        ("gaze_x_rbf_default", "gaze", "x", svr_params("rbf")),
        ("gaze_x_rbf_C50_g0.1", "gaze", "x", svr_params("rbf", C=50, gamma=0.1)),
        ("gaze_x_rbf_C100_g0.5", "gaze", "x", svr_params("rbf", C=100, gamma=0.5)),
        ("gaze_x_rbf_C200_g1", "gaze", "x", svr_params("rbf", C=200, gamma=1)),
        ("gaze_x_rbf_C500_g2", "gaze", "x", svr_params("rbf", C=500, gamma=2)),
        ("gaze_x_rbf_C1000_g5", "gaze", "x", svr_params("rbf", C=1000, gamma=5)),
        ("gaze_x_rbf_C2000_g0.1", "gaze", "x", svr_params("rbf", C=2000, gamma=0.1)),
        ("gaze_x_rbf_C2000_g5", "gaze", "x", svr_params("rbf", C=2000, gamma=5)),
        ("gaze_y_rbf_C2000_g5", "gaze", "y", svr_params("rbf", C=2000, gamma=5)),
        ("gaze_y_rbf_C100_g1", "gaze", "y", svr_params("rbf", C=100, gamma=1)),
        ("gaze_x_rbf_C2000_g5_noshrink", "gaze", "x", svr_params("rbf", C=2000, gamma=5, shrinking=False)),
        # Stopped by the iteration cap after shrinking has started (sklearn warns ConvergenceWarning).
        ("gaze_x_rbf_C2000_g5_maxiter5000", "gaze", "x", svr_params("rbf", C=2000, gamma=5, max_iter=5000)),
        ("gaze_x_poly3_default", "gaze", "x", svr_params("poly")),
        ("gaze_x_poly3_C100_coef1", "gaze", "x", svr_params("poly", C=100, gamma=0.1, coef0=1.0)),
    ]
    tables = {"small": (Sx, Sxt, {"y": Sy}), "gaze": (Gx, Gxt, {"x": Gtx, "y": Gty})}
    cases = []
    for name, ds, target, params in specs:
        Xtr, Xte, targets = tables[ds]
        cases.append(run_case(name, ds, target, params, Xtr, targets[target], Xte))

    folds, grid_out = grid(Gx, Gtx)
    doc = {
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "datasets": datasets,
        "cases": cases,
        "grid": {"dataset": "gaze", "target": "x", "kernel": "rbf", "epsilon": 0.1,
                 "folds": [te.tolist() for _, te in folds], "fits": grid_out},
    }
    if "--time" in sys.argv:
        secs = time_grid(Gx, Gtx)
        doc["sklearn_grid_seconds"] = secs
        print(f"sklearn: 150 grid fits (fit+predict), best of 3: {secs:.3f} s")
    out = Path(__file__).with_name("svr.json")
    out.write_text(json.dumps(doc))
    for c in cases:
        print(f"{c['name']:32s} nSV={c['n_support']:4d} n_iter={c['n_iter']:8d} b={c['intercept']:.6f}")
    tot = sum(sum(f["n_iter"]) for f in grid_out)
    print("grid total iterations:", tot, "max per fit:", max(max(f["n_iter"]) for f in grid_out))


if __name__ == "__main__":
    main()
