#!/usr/bin/python3
"""Generate linear.json: scikit-learn 1.2.1 fits whose held-out predictions the C# regressors must reproduce.

Run with the system interpreter that carries scikit-learn 1.2.1 / numpy 1.24:
    /usr/bin/python3 tests/goldens/generate_linear.py
Every number is written with repr() precision so the C# side reads back exactly the inputs sklearn saw.
"""
import json
import os
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import BayesianRidge, ElasticNet, Lasso, LinearRegression, Ridge
from sklearn.preprocessing import PolynomialFeatures, StandardScaler

assert sklearn.__version__ == "1.2.1", sklearn.__version__

rng = np.random.default_rng(20240611)


def random_small():
    """(a) 30 x 3 Gaussian design with a known linear signal, 10 held-out rows."""
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.5, -2.0, 0.5]) + 3.0 + 0.3 * rng.normal(size=40)
    return X[:30], y[:30], X[30:]


def random_degenerate():
    """(a') 30 x 5 with an exact duplicate column and a constant column: rank-deficient after centring, so the
    minimum-norm solution (OLS) must split weight evenly and give the constant column exactly zero."""
    X = rng.normal(size=(40, 3))
    X = np.column_stack([X, X[:, 0], np.full(40, 2.5)])
    y = X[:, :3] @ np.array([1.0, 0.5, -1.5]) - 1.0 + 0.2 * rng.normal(size=40)
    return X[:30], y[:30], X[30:]


def random_wide():
    """(a'') 8 rows x 12 features: fewer rows than features (kernel Ridge, n <= p BayesianRidge, underdetermined OLS)."""
    X = rng.normal(size=(12, 12))
    y = X[:, :4] @ np.array([2.0, -1.0, 0.5, 1.0]) + 0.1 * rng.normal(size=12)
    return X[:8], y[:8], X[8:]


def eye_session(n_train=520, n_test=130):
    """Eye-tracking-like calibration: iris centres (px) of both eyes while looking at 3x3 screen targets.

    Left and right iris move together (strongly correlated columns); targets sit at screen x in {100, 960, 1820}
    and y in {100, 540, 980}, with gaze noise added to the recorded target.
    """
    n = n_train + n_test
    tx = rng.choice([100.0, 960.0, 1820.0], size=n)
    ty = rng.choice([100.0, 540.0, 980.0], size=n)
    head = rng.normal(0.0, 1.5, size=n)  # small head drift shared by both eyes
    lx = 300.0 + 40.0 * tx / 1920.0 + head + rng.normal(0.0, 1.0, size=n)
    rx = lx + 6.0 + rng.normal(0.0, 0.6, size=n)
    ly = 210.0 + 18.0 * ty / 1080.0 + 0.5 * head + rng.normal(0.0, 0.8, size=n)
    ry = ly + 1.0 + rng.normal(0.0, 0.5, size=n)
    gx = tx + rng.normal(0.0, 25.0, size=n)
    gy = ty + rng.normal(0.0, 25.0, size=n)
    return (np.column_stack([lx, rx]), gx), (np.column_stack([ly, ry]), gy), n_train


def eye_datasets():
    """(b)/(c) degree-2 polynomial features [1, a, b, a^2, ab, b^2], raw and standard-scaled (fit on train)."""
    out = {}
    (xi, xt), (yi, yt), n_train = eye_session()
    for axis, feats, target in (("x", xi, xt), ("y", yi, yt)):
        poly = PolynomialFeatures(degree=2, include_bias=True)
        P_train = poly.fit_transform(feats[:n_train])
        P_test = poly.transform(feats[n_train:])
        out[f"eye_{axis}_poly_raw"] = (P_train, target[:n_train], P_test)
        scaler = StandardScaler().fit(P_train)
        out[f"eye_{axis}_poly_scaled"] = (scaler.transform(P_train), target[:n_train], scaler.transform(P_test))
    return out


def fit_case(dataset, model, params, est, X, y, Xt):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        est.fit(X, y)
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    case = {
        "dataset": dataset,
        "model": model,
        "params": params,
        "predictions": est.predict(Xt).tolist(),
        "coef": np.asarray(est.coef_).tolist(),
        "intercept": float(est.intercept_),
    }
    if getattr(est, "n_iter_", None) is not None:
        case["n_iter"] = int(est.n_iter_)
        case["converged"] = converged
    return case


def main():
    datasets = {"random_30x3": random_small(), "random_30x5_dup_const": random_degenerate(), "random_8x12_wide": random_wide()}
    datasets.update(eye_datasets())
    eye_names = [k for k in datasets if k.startswith("eye_")]

    cases = []
    for name, (X, y, Xt) in datasets.items():
        cases.append(fit_case(name, "ols", {}, LinearRegression(), X, y, Xt))
        cases.append(fit_case(name, "ridge", {"alpha": 1.0}, Ridge(), X, y, Xt))
        cases.append(fit_case(name, "lasso", {"alpha": 1.0}, Lasso(), X, y, Xt))
        cases.append(fit_case(name, "elasticnet", {"alpha": 1.0, "l1_ratio": 0.5}, ElasticNet(), X, y, Xt))
        cases.append(fit_case(name, "bayesianridge", {}, BayesianRidge(), X, y, Xt))

    # (d) hyper-parameter grids, as a grid search would visit them.
    for name in eye_names:
        X, y, Xt = datasets[name]
        for a in (1e-3, 1e-2, 0.1, 10.0, 100.0):
            cases.append(fit_case(name, "ridge", {"alpha": a}, Ridge(alpha=a), X, y, Xt))
        for a in (10.0, 20.0, 50.0, 100.0, 200.0, 500.0):
            cases.append(fit_case(name, "lasso", {"alpha": a}, Lasso(alpha=a), X, y, Xt))
        for a in (0.1, 0.5, 2.0, 5.0):
            for r in (0.5, 0.7, 0.9, 1.0):
                p = {"alpha": a, "l1_ratio": r}
                cases.append(fit_case(name, "elasticnet", p, ElasticNet(alpha=a, l1_ratio=r), X, y, Xt))
        for ai in (1.0, 1.3, 1.6, 1.9):
            for li in (1e-9, 1e-5, 1e-3, 1e-1):
                p = {"alpha_init": ai, "lambda_init": li}
                cases.append(fit_case(name, "bayesianridge", p, BayesianRidge(alpha_init=ai, lambda_init=li), X, y, Xt))

    # Explicit iteration-budget cases: a tiny max_iter that must be exhausted, and a tighter tol.
    X, y, Xt = datasets["eye_x_poly_scaled"]
    cases.append(fit_case("eye_x_poly_scaled", "lasso", {"alpha": 1.0, "max_iter": 5}, Lasso(alpha=1.0, max_iter=5), X, y, Xt))
    cases.append(fit_case("eye_x_poly_scaled", "lasso", {"alpha": 10.0, "tol": 1e-6}, Lasso(alpha=10.0, tol=1e-6), X, y, Xt))
    cases.append(fit_case("eye_x_poly_scaled", "elasticnet", {"alpha": 0.1, "l1_ratio": 0.5, "max_iter": 20},
                          ElasticNet(alpha=0.1, l1_ratio=0.5, max_iter=20), X, y, Xt))
    cases.append(fit_case("eye_x_poly_scaled", "bayesianridge", {"n_iter": 2}, BayesianRidge(n_iter=2), X, y, Xt))

    # Ridge without penalty: Cholesky succeeds on full-rank data; with the all-zero (centred bias) column it is
    # singular, and sklearn falls back to its SVD solver.
    for name in ("random_30x3", "eye_x_poly_raw", "eye_x_poly_scaled"):
        X, y, Xt = datasets[name]
        cases.append(fit_case(name, "ridge", {"alpha": 0.0}, Ridge(alpha=0.0), X, y, Xt))

    doc = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "datasets": {
            k: {"x_train": X.tolist(), "y_train": y.tolist(), "x_test": Xt.tolist()} for k, (X, y, Xt) in datasets.items()
        },
        "cases": cases,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "linear.json")
    with open(path, "w") as f:
        json.dump(doc, f)
    cd = [c for c in cases if "converged" in c and c["model"] in ("lasso", "elasticnet")]
    print(f"{len(cases)} cases; coordinate descent: {sum(c['converged'] for c in cd)} converged, "
          f"{sum(not c['converged'] for c in cd)} hit max_iter")


if __name__ == "__main__":
    main()
