"""Fit time of scikit-learn vs `grimoire fit` on the same generated data, with the objectives side by side.

Run from the repository root after a Release build, with Debian's python (python3-sklearn):
    /usr/bin/python3 benchmarks/ml/sklearn_vs_grimoire.py [--threads 2] [--quick]
Writes docs/benchmarks/ml-<date>.md. Each fit is timed alone (grimoire reports "fit_seconds", which excludes
loading; scikit-learn is timed around .fit). Figures are medians of --repeats runs.
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--repeats", type=int, default=3)
parser.add_argument("--quick", action="store_true", help="a tenth of the rows, for a smoke test")
args = parser.parse_args()
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402  (after the thread variables)
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ROOT / "src" / "Grimoire.Cli" / "bin" / "Release" / "net10.0" / "grimoire.dll"
scale = 10 if args.quick else 1
rng = np.random.default_rng(0)


def blobs(n, d, k):
    centers = rng.uniform(-10, 10, size=(k, d))
    x = centers[np.arange(n) % k] + rng.standard_normal((n, d))
    return x, (np.arange(n) % k).astype(float)


def linear(n, d, noise=0.1):
    x = rng.standard_normal((n, d))
    w = rng.standard_normal(d)
    return x, x @ w + 3 + noise * rng.standard_normal(n)


def logistic(n, d):
    x = rng.standard_normal((n, d))
    w = rng.standard_normal(d)
    p = 1 / (1 + np.exp(-(x @ w)))
    return x, (rng.uniform(size=n) < p).astype(float)


def median_time(fit):
    times = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        result = fit()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), result


def grimoire_fit(model, path, settings):
    cmd = ["dotnet", str(GRIMOIRE), "fit", model, "--data", str(path), "--target", "y", "--json"]
    for s in settings:
        cmd += ["--set", s]
    env = dict(os.environ, GRIMOIRE_THREADS=str(args.threads))
    times, last = [], None
    for _ in range(args.repeats):
        run = subprocess.run(cmd, capture_output=True, text=True, env=env)
        if run.returncode != 0:
            return None, run.stderr.strip()
        last = json.loads(run.stdout)
        times.append(last["fit_seconds"])
    return float(np.median(times)), last


def ridge_objective(m, x, y, alpha):
    r = y - x @ m.coef_ - m.intercept_
    return float(r @ r + alpha * m.coef_ @ m.coef_)


def lasso_objective(m, x, y, alpha, l1_ratio=1.0):
    r = y - x @ m.coef_ - m.intercept_
    return float(r @ r / (2 * len(y)) + alpha * l1_ratio * np.abs(m.coef_).sum() + 0.5 * alpha * (1 - l1_ratio) * m.coef_ @ m.coef_)


def logistic_objective(m, x, y, c):
    z = x @ m.coef_.ravel() + m.intercept_[0]
    loss = np.logaddexp(0, z) - y * z
    return float(c * loss.sum() + 0.5 * m.coef_.ravel() @ m.coef_.ravel())


workloads = []
x, _ = blobs(200_000 // scale, 16, 16)
workloads.append(("kmeans", f"n={len(x)}, d=16, k=16, 30 Lloyd iterations, tol 0, init first", x, np.zeros(len(x)),
                  ["n_clusters=16", "init=first", "n_init=1", "max_iter=30", "tol=0"],
                  lambda x, y: KMeans(16, init=x[:16], n_init=1, max_iter=30, tol=0, algorithm="lloyd").fit(x),
                  lambda m, x, y: float(m.inertia_), "inertia"))
x, y = linear(200_000 // scale, 128)
workloads.append(("ridge", f"n={len(x)}, d=128, alpha 1", x, y, ["alpha=1"],
                  lambda x, y: Ridge(alpha=1.0).fit(x, y), lambda m, x, y: ridge_objective(m, x, y, 1.0), "objective"))
x, y = linear(20_000 // scale, 500)
workloads.append(("lasso", f"n={len(x)}, d=500, alpha 0.05", x, y, ["alpha=0.05"],
                  lambda x, y: Lasso(alpha=0.05).fit(x, y), lambda m, x, y: lasso_objective(m, x, y, 0.05), "objective"))
x, y = logistic(100_000 // scale, 64)
workloads.append(("logistic-regression", f"n={len(x)}, d=64, binary, C 1, lbfgs", x, y, ["C=1"],
                  lambda x, y: LogisticRegression(C=1.0).fit(x, y), lambda m, x, y: logistic_objective(m, x, y, 1.0), "objective"))

rows = []
with tempfile.TemporaryDirectory() as tmp:
    for model, desc, x, y, settings, sk_fit, sk_objective, what in workloads:
        path = pathlib.Path(tmp) / f"{model}.npy"
        np.save(path, np.ascontiguousarray(np.column_stack([x, y])))
        sk_seconds, fitted = median_time(lambda: sk_fit(x, y))
        sk_value = sk_objective(fitted, x, y)
        g_seconds, g_json = grimoire_fit(model, path, settings)
        if g_seconds is None:
            rows.append((model, desc, sk_seconds, None, None, sk_value, None, what, g_json))
            continue
        g_value = g_json.get("inertia" if what == "inertia" else "objective")
        rows.append((model, desc, sk_seconds, g_seconds, g_seconds / sk_seconds, sk_value, g_value, what, ""))
        print(f"{model}: scikit-learn {sk_seconds:.3f} s, grimoire {g_seconds:.3f} s, ratio {g_seconds / sk_seconds:.2f}; {what} {sk_value:.6g} vs {g_value:.6g}", file=sys.stderr)

date = datetime.date.today().isoformat()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
lines = [f"# Classical models: grimoire vs scikit-learn, {date}", "",
         f"- Machine: {cpu}, {os.cpu_count()} logical processors; scikit-learn {sklearn.__version__}, NumPy {np.__version__}; both at {args.threads} threads.",
         f"- Command: `/usr/bin/python3 benchmarks/ml/sklearn_vs_grimoire.py --threads {args.threads}{' --quick' if args.quick else ''}` after `dotnet build -c Release`.",
         f"- Fit time only (grimoire's `fit_seconds` excludes loading the .npy), median of {args.repeats}. Ratio = grimoire / scikit-learn (≤ 1.0 is the target).", "",
         "| model | data | scikit-learn s | grimoire s | ratio | scikit-learn objective | grimoire objective |",
         "|---|---|---:|---:|---:|---:|---:|"]
for model, desc, sk_s, g_s, ratio, sk_v, g_v, what, error in rows:
    if g_s is None:
        lines.append(f"| {model} | {desc} | {sk_s:.3f} | – | – | {sk_v:.8g} ({what}) | not run: {error} |")
    else:
        lines.append(f"| {model} | {desc} | {sk_s:.3f} | {g_s:.3f} | {ratio:.2f}x | {sk_v:.10g} ({what}) | {g_v:.10g} |")
out = ROOT / "docs" / "benchmarks" / f"ml-{date}.md"
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out}", file=sys.stderr)
