"""Generate tests/goldens/prediction.json: batch prediction (docs/algorithms.md sections 3 and 4),
computed with scikit-learn, for every model of the registry.

    apt-get install -y python3-sklearn python3-pandas
    /usr/bin/python3 tests/goldens/generate_prediction.py             # writes prediction.json
    /usr/bin/python3 tests/goldens/generate_prediction.py --time 5    # prints scikit-learn timings (no file)

Cases:
  upstream_5x3  the reference's test fixture as the calibration; its three sample_calib_iris_points
                as the session (stored mode at 1000x600 and 1920x1080, stateless at 1000x600)
  sim_9x90      the simulated 9 x 90 calibration of generate_calibration.py; a simulated session of
                5,000 samples (100 random fixations of 50 samples) whose true gaze points are kept,
                so SGD and the random forest can be compared by accuracy; 9 x 20 validation samples
                for the stateless metrics
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
import sklearn.exceptions
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import BayesianRidge, ElasticNet, Lasso, LinearRegression, Ridge, SGDRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.svm import SVR

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_calibration import BR, EN, LASSO, LR, MODELS, RF, RIDGE, SGD, SVRN, DATASETS, registry, simulate, upstream_fixture  # noqa: E402

assert sklearn.__version__ == "1.2.1", sklearn.__version__
warnings.filterwarnings("ignore", category=sklearn.exceptions.ConvergenceWarning)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "prediction.json")
SQUASH, Y_GAIN = 1.0, 1.2


def engineered(name):
    """docs/algorithms.md section 1.2: Scale -> estimator, except Linear Regression (Scale -> Poly2 -> OLS)."""
    return {
        LR: lambda: make_pipeline(StandardScaler(), PolynomialFeatures(degree=2), LinearRegression()),
        RIDGE: lambda: make_pipeline(StandardScaler(), Ridge()),
        LASSO: lambda: make_pipeline(StandardScaler(), Lasso()),
        EN: lambda: make_pipeline(StandardScaler(), ElasticNet(alpha=1.0, l1_ratio=0.5)),
        BR: lambda: make_pipeline(StandardScaler(), BayesianRidge()),
        SGD: lambda: make_pipeline(StandardScaler(), SGDRegressor(random_state=0)),
        SVRN: lambda: make_pipeline(StandardScaler(), SVR(kernel="linear")),
        RF: lambda: make_pipeline(StandardScaler(), RandomForestRegressor(n_estimators=200, max_depth=10, min_samples_split=5, random_state=42)),
    }[name]()


def lateral(lx, ly, rx, ry):
    """docs/algorithms.md section 3, steps 2 and 8: make 'left' the eye with the larger mean, independently for x and y."""
    if lx.mean() < rx.mean():
        lx, rx = rx, lx
    if ly.mean() < ry.mean():
        ly, ry = ry, ly
    return lx, ly, rx, ry


def robust_mask(v):
    median = np.median(v)
    mad = np.median(np.abs(v - median))
    if mad < 1e-9:
        return np.ones(len(v), dtype=bool)
    return np.abs(0.6745 * (v - median) / mad) <= 6.0


def fit(rows, name, w, h, stateless):
    rows = np.asarray(rows, dtype=float)
    lx, ly, rx, ry, px, py = rows.T
    lx, ly, rx, ry = lateral(lx, ly, rx, ry)
    mean_x, diff_x, mean_y, diff_y = (lx + rx) / 2, lx - rx, (ly + ry) / 2, ly - ry
    if stateless:
        keep = robust_mask(lx) & robust_mask(rx) & robust_mask(mean_x)
        lx, rx, mean_x, diff_x, mean_y, diff_y, px, py = (a[keep] for a in (lx, rx, mean_x, diff_x, mean_y, diff_y, px, py))
    tx, ty = (px - w / 2) / (w / 2), (py - h / 2) / (h / 2)
    ref_x, ref_y = np.mean(mean_x), np.mean(mean_y)
    rel_x, rel_y = mean_x - ref_x, mean_y - ref_y
    s = np.std(mean_y) + 1e-6
    features_x = np.c_[diff_x, rel_x] if stateless else np.c_[lx, rx, mean_x, diff_x, rel_x]
    model_x = engineered(name).fit(features_x, tx)
    model_y = registry(name).fit(np.c_[diff_y / s, rel_y / s], ty)
    x_scale = w / 2 if stateless else max((np.percentile(tx, 95) - np.percentile(tx, 5)) / 2, 1e-6) * (w / 2)
    y_scale = max((np.percentile(ty, 95) - np.percentile(ty, 5)) / 2, 1e-6) * (h / 2)
    exact_x = exact_linear_x(lx, rx, tx) if name == LR and not stateless else None
    return dict(model_x=model_x, model_y=model_y, exact_x=exact_x, ref_x=ref_x, ref_y=ref_y, s=s, mean_rel_x=np.mean(rel_x),
                x_scale=x_scale, y_scale=y_scale, w=w, h=h, stateless=stateless, kept=int(len(px)))


def exact_linear_x(lx, rx, tx):
    """The stored pipeline's Linear Regression x model without its rounding noise.

    Its five features [l, r, (l+r)/2, l-r, mean-ref] are exactly collinear, so Scale -> Poly2 spans
    only the quadratics in (l, r): 21 columns of numerical rank 6. LAPACK's cutoff (eps * s_max)
    keeps several singular values that are pure rounding noise (rank 10 on sim_9x90), which moves
    scikit-learn's predictions by about a pixel in a direction no data supports. The minimum-norm
    least-squares prediction in exact arithmetic is the OLS fit on the well-posed basis
    [1, a, b, a^2, ab, b^2] with a, b the standardised l, r: that is what this returns, as a
    function of the (lateralised) session columns.
    """
    mean_l, std_l, mean_r, std_r = lx.mean(), lx.std(), rx.mean(), rx.std()

    def basis(l, r):
        a, b = (l - mean_l) / std_l, (r - mean_r) / std_r
        return np.c_[np.ones_like(a), a, b, a * a, a * b, b * b]

    coef = np.linalg.lstsq(basis(lx, rx), tx, rcond=None)[0]
    return lambda l, r: basis(l, r) @ coef


def predict(m, samples, exact=False):
    samples = np.asarray(samples, dtype=float)
    lx, ly, rx, ry = lateral(*samples.T[:4])
    mean_x, diff_x, mean_y, diff_y = (lx + rx) / 2, lx - rx, (ly + ry) / 2, ly - ry
    rel_x, rel_y = mean_x - m["ref_x"], mean_y - m["ref_y"]
    if m["stateless"]:
        rel_x = rel_x - np.mean(rel_x) + m["mean_rel_x"]
        yx = m["model_x"].predict(np.c_[diff_x, rel_x])
    else:
        yx = m["exact_x"](lx, rx) if exact else m["model_x"].predict(np.c_[lx, rx, mean_x, diff_x, rel_x])
    yy = m["model_y"].predict(np.c_[diff_y / m["s"], rel_y / m["s"]])
    yy = (yy - np.mean(yy)) * Y_GAIN
    sx = np.clip(yx, -1.0, 1.0) if m["stateless"] else np.tanh(yx / SQUASH)
    return m["w"] / 2 + sx * m["x_scale"], m["h"] / 2 + np.tanh(yy / SQUASH) * m["y_scale"]


def calibration_metrics(m, fixed_rows, calib_samples):
    """docs/algorithms.md section 4.1: errors of the validation samples against the calibration's targets."""
    targets = list(dict.fromkeys((float(r[4]), float(r[5])) for r in fixed_rows))
    px, py = predict(m, calib_samples) if len(calib_samples) else (np.array([]), np.array([]))
    spp = min(len(px), len(calib_samples)) // len(targets) if targets else 0
    if spp == 0:
        # No errors to report; the counts are known when there are targets (the reference reports them).
        keys = ["mean_error_px", "median_error_px", "rmse_px", "horizontal_mae_px",
                "vertical_mae_px", "accuracy_50px", "accuracy_100px"]
        counts = {"samples": 0, "points": len(targets)} if targets else {"samples": None, "points": None}
        return {**counts, **{k: None for k in keys}, "quality": "Unknown", "points_detail": []}
    details, ex_all, ey_all = [], [], []
    for j, (tx, ty) in enumerate(targets):
        ex = np.abs(px[j * spp:(j + 1) * spp] - tx)
        ey = np.abs(py[j * spp:(j + 1) * spp] - ty)
        e = np.sqrt(ex ** 2 + ey ** 2)
        ex_all.append(ex)
        ey_all.append(ey)
        details.append({"target_x": tx, "target_y": ty, "samples": spp,
                        "mean_error_px": round(float(e.mean()), 2), "std_error_px": round(float(e.std()), 2),
                        "accuracy_50px": round(float((e <= 50).mean() * 100), 2),
                        "accuracy_100px": round(float((e <= 100).mean() * 100), 2)})
    ex, ey = np.concatenate(ex_all), np.concatenate(ey_all)
    e = np.sqrt(ex ** 2 + ey ** 2)
    mean = float(e.mean())
    quality = "Excellent" if mean <= 40 else "Good" if mean <= 75 else "Fair" if mean <= 120 else "Poor"
    return {"samples": int(len(e)), "points": len(targets), "mean_error_px": round(mean, 2),
            "median_error_px": round(float(np.median(e)), 2), "rmse_px": round(float(np.sqrt((e ** 2).mean())), 2),
            "horizontal_mae_px": round(float(ex.mean()), 2), "vertical_mae_px": round(float(ey.mean()), 2),
            "accuracy_50px": round(float((e <= 50).mean() * 100), 2),
            "accuracy_100px": round(float((e <= 100).mean() * 100), 2), "quality": quality, "points_detail": details}


def mean_error(px, py, truth):
    if truth is None:
        return None
    truth = np.asarray(truth, dtype=float)
    return float(np.sqrt((px - truth[:, 0]) ** 2 + (py - truth[:, 1]) ** 2).mean())


def run_case(case):
    out = {}
    for name in MODELS:
        stored = fit(case["fixed"], name, case["w"], case["h"], stateless=False)
        sx, sy = predict(stored, case["session"])
        stateless = fit(case["fixed"], name, case["w"], case["h"], stateless=True)
        lx, ly = predict(stateless, case["session"])
        out[name] = {
            "stored": {"x": sx.tolist(), "y": sy.tolist(), "mean_error": mean_error(sx, sy, case["truth"]),
                       "x_scale": stored["x_scale"], "y_scale": stored["y_scale"],
                       "x_exact": predict(stored, case["session"], exact=True)[0].tolist() if name == LR else None},
            "stateless": {"x": lx.tolist(), "y": ly.tolist(), "mean_error": mean_error(lx, ly, case["truth"]),
                          "kept": stateless["kept"],
                          "metrics": calibration_metrics(stateless, case["fixed"], case["calib"])},
        }
    return out


def sim_session(samples_per_fixation, fixations, seed):
    rng = np.random.RandomState(seed)
    targets = [(round(float(x), 1), round(float(y), 1)) for x, y in zip(rng.uniform(0, 1920, fixations), rng.uniform(0, 1080, fixations))]
    rows = simulate(targets, samples_per_fixation, seed=seed + 1)
    return [r[:4] for r in rows], [r[4:] for r in rows]


def cases():
    fixture_session = [[0.35, 0.45, 0.65, 0.45], [0.55, 0.55, 0.85, 0.55], [0.45, 0.50, 0.75, 0.50]]
    session, truth = sim_session(50, 100, seed=21)
    sim_targets = sorted({(r[4], r[5]) for r in DATASETS["sim_9x90"][0]}, key=lambda t: (t[1], t[0]))
    calib = [r[:4] for r in simulate(sim_targets, 20, seed=31)]
    return {
        "upstream_5x3_1000x600": {"fixed": upstream_fixture(), "session": fixture_session, "truth": None, "calib": fixture_session, "w": 1000, "h": 600},
        "upstream_5x3_1920x1080": {"fixed": upstream_fixture(), "session": fixture_session, "truth": None, "calib": fixture_session, "w": 1920, "h": 1080},
        "sim_9x90": {"fixed": DATASETS["sim_9x90"][0], "session": session, "truth": truth, "calib": calib, "w": 1920, "h": 1080},
    }


def time_pipeline(repeats):
    """scikit-learn's cost for the benchmark table: fit + predict (first call) and predict only (cached)."""
    case = cases()["sim_9x90"]
    session = np.asarray(case["session"])
    batches = {"10000": np.tile(session, (2, 1)), "300": session[:300]}
    timings = {}
    for name in MODELS:
        for size, batch in batches.items():
            first, cached = [], []
            for _ in range(repeats):
                started = time.perf_counter()
                model = fit(case["fixed"], name, case["w"], case["h"], stateless=False)
                predict(model, batch)
                first.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                predict(model, batch)
                cached.append((time.perf_counter() - started) * 1000)
            timings[f"{name}|{size}"] = {"first_ms": float(np.median(first)), "cached_ms": float(np.median(cached))}
    return timings


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--time":
        print(json.dumps(time_pipeline(int(sys.argv[2])), indent=1))
        return
    golden = {"cases": {}}
    for name, case in cases().items():
        golden["cases"][name] = {**case, "models": run_case(case)}
        print(f"{name}: done", file=sys.stderr)
    with open(OUT, "w") as f:
        json.dump(golden, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
