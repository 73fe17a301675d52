"""Generate tests/goldens/calibration.json: the calibration of docs/algorithms.md section 2, computed
by scikit-learn itself, for every model of the registry on four datasets.

    apt-get install -y python3-sklearn python3-pandas
    /usr/bin/python3 tests/goldens/generate_calibration.py            # writes calibration.json
    /usr/bin/python3 tests/goldens/generate_calibration.py --time 5   # prints scikit-learn timings (no file)

Datasets:
  upstream_5x3  the reference service's test fixture (5 targets x 3 samples): stratification is
                impossible, so the split is our documented fallback (generate_sampling.py)
  sim_9x90      a realistic 9 x 90 calibration from the seeded simulator below (webcam pixels)
  sim_2x40      two targets, 40 samples each
  sim_4x30      four targets, 30 samples each
SGDRegressor gets random_state=0 so the goldens are reproducible (the reference left it unseeded).
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import sklearn
import sklearn.exceptions
from sklearn.cluster import KMeans
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import BayesianRidge, ElasticNet, Lasso, LinearRegression, Ridge, SGDRegressor
from sklearn.model_selection import GridSearchCV, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.svm import SVR

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_sampling import documented_fallback  # noqa: E402

assert sklearn.__version__ == "1.2.1", sklearn.__version__
# The reference silenced these too: Lasso/ElasticNet/SGD often stop at max_iter on this data.
warnings.filterwarnings("ignore", category=sklearn.exceptions.ConvergenceWarning)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calibration.json")

LR, RIDGE, LASSO, EN, BR, SGD, SVRN, RF = (
    "Linear Regression", "Ridge Regression", "Lasso Regression", "Elastic Net", "Bayesian Ridge",
    "SGD Regressor", "Support Vector Regressor", "Random Forest Regressor")
MODELS = [LR, RIDGE, LASSO, EN, BR, SGD, SVRN, RF]


def registry(name):
    poly = PolynomialFeatures(degree=2)
    return {
        LR: lambda: make_pipeline(StandardScaler(), poly, LinearRegression()),
        RIDGE: lambda: make_pipeline(poly, Ridge()),
        LASSO: lambda: make_pipeline(poly, Lasso()),
        EN: lambda: make_pipeline(poly, ElasticNet(alpha=1.0, l1_ratio=0.5)),
        BR: lambda: make_pipeline(poly, BayesianRidge()),
        SGD: lambda: make_pipeline(poly, SGDRegressor(random_state=0)),
        SVRN: lambda: make_pipeline(poly, SVR(kernel="linear")),
        RF: lambda: make_pipeline(RandomForestRegressor(n_estimators=200, max_depth=10, min_samples_split=5, random_state=42)),
    }[name]()


# The grids of docs/algorithms.md section 2.2 (and of our DefaultGrids.cs), by scikit-learn parameter name.
GRIDS = {
    LASSO: {"alpha": [10, 20, 30, 40, 45, 50, 55, 100, 200, 500]},
    RIDGE: {"alpha": [1e-3, 0.005, 0.01, 0.1, 0.5, 1.0, 10, 20, 50, 100]},
    EN: {"alpha": [0.1, 0.5, 1.0, 2.0, 5.0], "l1_ratio": [0.5, 0.7, 0.8, 0.9, 1.0]},
    BR: {"alpha_init": [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.9], "lambda_init": [1e-9, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]},
    SGD: {"alpha": [1e-4, 1e-3], "l1_ratio": [0.5, 0.7, 0.8, 1], "max_iter": [1000], "eta0": [1e-4, 1e-3]},
    SVRN: {"C": [50, 100, 200, 500, 1000, 2000], "gamma": [0.1, 0.5, 1, 2, 5], "kernel": ["rbf"]},
    RF: {"n_estimators": [100], "max_depth": [10], "min_samples_split": [2, 5, 10]},
}


def prefixed_grid(pipeline, name):
    step = pipeline.steps[-1][0]
    return {f"{step}__{k}": v for k, v in GRIDS[name].items()}


def split(px, py):
    n = len(px)
    try:
        train, test = train_test_split(np.arange(n), test_size=0.2, random_state=42,
                                       stratify=pd.Series(list(zip(px, py))))
        return [int(i) for i in train], [int(i) for i in test], True
    except ValueError:
        train, test = documented_fallback(list(px), list(py))
        return train, test, False


def fit_axis(name, x_train, y_train, x_test):
    scaler = StandardScaler().fit(x_train)
    x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)
    if name == LR:
        model = registry(name).fit(x_train, y_train)
        return model.predict(x_test), {}
    pipeline = registry(name)
    search = GridSearchCV(pipeline, prefixed_grid(pipeline, name), cv=5, scoring="r2").fit(x_train, y_train)
    best = {k.split("__", 1)[1]: v for k, v in search.best_params_.items()}
    return search.best_estimator_.predict(x_test), best


def calibrate(rows, k, name):
    rows = np.asarray(rows, dtype=float)
    lx, ly, rx, ry, px, py = rows.T
    train, test, stratified = split(px, py)
    pred_x, best_x = fit_axis(name, np.c_[lx, rx][train], px[train], np.c_[lx, rx][test])
    pred_y, best_y = fit_axis(name, np.c_[ly, ry][train], py[train], np.c_[ly, ry][test])
    centroids = KMeans(n_clusters=k, init="k-means++", n_init=1, random_state=0).fit(np.c_[pred_x, pred_y]).cluster_centers_
    frame = pd.DataFrame({"tx": px[test], "px": pred_x, "ty": py[test], "py": pred_y})
    kept = frame[(frame.px >= 0) & (frame.py >= 0)]
    targets = []
    for (tx, ty), g in sorted(kept.groupby(["tx", "ty"]), key=lambda item: item[0]):
        err = np.sqrt((g.tx - g.px) ** 2 + (g.ty - g.py) ** 2)
        targets.append({"x": tx, "y": ty, "predicted_x": g.px.tolist(), "predicted_y": g.py.tolist(),
                        "precision_sd": (np.std(g.px) + np.std(g.py)) / 2, "accuracy": float(err.mean())})
    mean_error = float(np.sqrt((frame.tx - frame.px) ** 2 + (frame.ty - frame.py) ** 2).mean())
    return {"stratified": stratified, "train": train, "test": test,
            "pred_x": pred_x.tolist(), "pred_y": pred_y.tolist(), "best_x": best_x, "best_y": best_y,
            "centroids": centroids.tolist(), "targets": targets, "mean_error": mean_error}


def upstream_fixture():
    """The reference's conftest: 5 targets, iris jitter -0.01/0/+0.01 on all four values."""
    targets = [(100, 100, 0.30, 0.40, 0.60, 0.40), (500, 300, 0.50, 0.50, 0.80, 0.50),
               (900, 500, 0.70, 0.60, 0.90, 0.60), (100, 500, 0.20, 0.70, 0.50, 0.70),
               (900, 100, 0.60, 0.30, 0.85, 0.30)]
    return [[lx + j, ly + j, rx + j, ry + j, px, py]
            for px, py, lx, ly, rx, ry in targets for j in (-0.01, 0.0, 0.01)]


def simulate(targets, per_target, seed):
    """Iris centres (640x480 webcam pixels) of a user fixating each target in turn: a smooth,
    slightly non-linear function of the target, sensor noise, a slow head drift over the session
    and a few blinks (eyelid pulls the detected centre down, x jitters)."""
    rng = np.random.RandomState(seed)
    rows = []
    drift = np.zeros(2)
    for tx, ty in targets:
        for _ in range(per_target):
            drift += rng.normal(0, 0.02, 2)
            u, v = (tx - 960) / 960, (ty - 540) / 540
            lx = 352 + 9.5 * u + 0.8 * u * u + 0.4 * u * v + drift[0]
            rx = 289 + 9.1 * u + 0.7 * u * u - 0.3 * u * v + drift[0]
            ly = 241 + 5.2 * v + 0.5 * v * v + 0.3 * u * v + drift[1]
            ry = 243 + 5.0 * v + 0.6 * v * v - 0.2 * u * v + drift[1]
            noise = rng.normal(0, 0.35, 4)
            sample = [lx + noise[0], ly + noise[1], rx + noise[2], ry + noise[3]]
            if rng.rand() < 0.03:  # blink
                shift = rng.uniform(4, 9)
                sample = [sample[0] + rng.normal(0, 1.5), sample[1] + shift, sample[2] + rng.normal(0, 1.5), sample[3] + shift]
            rows.append([round(c, 3) for c in sample] + [tx, ty])
    return rows


DATASETS = {
    "upstream_5x3": (upstream_fixture(), 5),
    "sim_9x90": (simulate([(x, y) for y in (100.0, 540.0, 979.5) for x in (120.5, 960.0, 1799.5)], 90, seed=7), 9),
    "sim_2x40": (simulate([(240.0, 540.0), (1680.0, 540.0)], 40, seed=8), 2),
    "sim_4x30": (simulate([(x, y) for y in (200.0, 880.0) for x in (300.0, 1620.0)], 30, seed=9), 4),
}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--time":
        repeats = int(sys.argv[2])
        rows, k = DATASETS["sim_9x90"]
        timings = {}
        for name in MODELS:
            samples = []
            for _ in range(repeats):
                started = time.perf_counter()
                calibrate(rows, k, name)
                samples.append((time.perf_counter() - started) * 1000)
            timings[name] = {"median_ms": float(np.median(samples)), "samples_ms": samples}
        print(json.dumps(timings, indent=1))
        return

    golden = {"datasets": {}}
    for dataset, (rows, k) in DATASETS.items():
        golden["datasets"][dataset] = {"k": k, "rows": rows,
                                       "models": {name: calibrate(rows, k, name) for name in MODELS}}
        print(f"{dataset}: done", file=sys.stderr)
    with open(OUT, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
