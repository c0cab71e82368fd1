"""Fit time of scikit-learn vs grimoire on the same generated data, with the objectives side by side.

Run from the repository root with Debian's python (python3-sklearn) after building the two grimoire programs it runs:
    dotnet publish src/Grimoire.Cli -c Release -r linux-x64 --self-contained false -o artifacts/cli   # ReadyToRun
    dotnet build benchmarks/Grimoire.Benchmarks -c Release
    /usr/bin/python3 benchmarks/ml/sklearn_vs_grimoire.py [--threads 2] [--repeats 5] [--quick] [--out FILE]
Writes docs/benchmarks/ml-<date>.md (or FILE). grimoire is timed two ways: `grimoire fit` in a fresh process per fit
(its "fit_seconds", which excludes loading the data), and the same catalogue fit repeated in one process
(Grimoire.Benchmarks ml-fit), as a library user runs it; scikit-learn is timed around .fit, repeated in this process.
Figures are medians of --repeats runs. DOTNET_EnableAVX512=0 in the environment runs grimoire's AVX2 code on an
AVX-512 machine; the report says which ISA ran.
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
parser.add_argument("--out", help="report file (default docs/benchmarks/ml-<date>.md)")
args = parser.parse_args()
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

import numpy as np  # noqa: E402  (after the thread variables)
import sklearn  # noqa: E402
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.linear_model import Lasso, LogisticRegression, Ridge  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ROOT / "artifacts" / "cli" / "grimoire.dll"
IN_PROCESS = ROOT / "benchmarks" / "Grimoire.Benchmarks" / "bin" / "Release" / "net10.0" / "Grimoire.Benchmarks.dll"
for program, build in ((GRIMOIRE, "dotnet publish src/Grimoire.Cli -c Release -r linux-x64 --self-contained false -o artifacts/cli"),
                       (IN_PROCESS, "dotnet build benchmarks/Grimoire.Benchmarks -c Release")):
    if not program.exists():
        sys.exit(f"{program} is missing; build it first: {build}")
GRIMOIRE_ENV = dict(os.environ, GRIMOIRE_THREADS=str(args.threads))
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
    """Median fit_seconds of `grimoire fit` in a fresh process per run, and the last run's JSON."""
    cmd = ["dotnet", str(GRIMOIRE), "fit", model, "--data", str(path), "--target", "y", "--json"]
    for s in settings:
        cmd += ["--set", s]
    times, last = [], None
    for _ in range(args.repeats):
        run = subprocess.run(cmd, capture_output=True, text=True, env=GRIMOIRE_ENV)
        if run.returncode != 0:
            return None, run.stderr.strip()
        last = json.loads(run.stdout)
        times.append(last["fit_seconds"])
    return float(np.median(times)), last


def grimoire_in_process(model, path, settings):
    """Median of --repeats fits of the same model in one process (the first, cold one included), and the objective."""
    run = subprocess.run(["dotnet", str(IN_PROCESS), "ml-fit", model, str(path), str(args.repeats), *settings],
                         capture_output=True, text=True, env=GRIMOIRE_ENV)
    if run.returncode != 0:
        return None, run.stderr.strip()
    result = json.loads(run.stdout.strip().splitlines()[-1])
    return float(np.median(result["seconds"])), result["objective"]


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
workloads.append(("lasso", f"n={len(x)}, d=500, alpha 0.05, precompute (Gram)", x, y, ["alpha=0.05", "precompute=true"],
                  lambda x, y: Lasso(alpha=0.05, precompute=True).fit(x, y), lambda m, x, y: lasso_objective(m, x, y, 0.05), "objective"))
x, y = logistic(100_000 // scale, 64)
workloads.append(("logistic-regression", f"n={len(x)}, d=64, binary, C 1, lbfgs", x, y, ["C=1"],
                  lambda x, y: LogisticRegression(C=1.0).fit(x, y), lambda m, x, y: logistic_objective(m, x, y, 1.0), "objective"))

rows = []
with tempfile.TemporaryDirectory() as tmp:
    for number, (model, desc, x, y, settings, sk_fit, sk_objective, what) in enumerate(workloads):
        path = pathlib.Path(tmp) / f"{number}-{model}.npy"
        np.save(path, np.ascontiguousarray(np.column_stack([x, y])))
        sk_seconds, fitted = median_time(lambda: sk_fit(x, y))
        sk_value = sk_objective(fitted, x, y)
        cli_seconds, cli_json = grimoire_fit(model, path, settings)
        lib_seconds, lib_value = grimoire_in_process(model, path, settings)
        cli_value = None if cli_seconds is None else cli_json.get("inertia" if what == "inertia" else "objective")
        rows.append((model, desc, sk_seconds, cli_seconds, lib_seconds, sk_value, cli_value, lib_value, what,
                     cli_json if cli_seconds is None else lib_value if lib_seconds is None else ""))
        print(f"{model} ({desc}): scikit-learn {sk_seconds:.3f} s, grimoire fit {cli_seconds} s, in-process {lib_seconds} s; "
              f"{what} {sk_value:.10g} vs {cli_value} / {lib_value}", file=sys.stderr)


def ratio(seconds, reference):
    return "–" if seconds is None else f"{seconds / reference:.2f}x"


def seconds_text(seconds):
    return "–" if seconds is None else f"{seconds:.3f}"


info = subprocess.run(["dotnet", str(GRIMOIRE), "info"], capture_output=True, text=True, env=GRIMOIRE_ENV).stdout
isa = next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("widest kernel ISA usable")), "unknown")
runtime = next((l.split(":", 1)[1].strip() for l in info.splitlines() if l.startswith("runtime:")), "unknown")
forced = " (AVX2 forced: DOTNET_EnableAVX512=0)" if os.environ.get("DOTNET_EnableAVX512") == "0" else ""
date = datetime.date.today().isoformat()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
command = f"/usr/bin/python3 benchmarks/ml/sklearn_vs_grimoire.py --threads {args.threads} --repeats {args.repeats}{' --quick' if args.quick else ''}"
lines = [f"# Classical models: grimoire vs scikit-learn, {date}", "",
         f"- Machine: {cpu}, {os.cpu_count()} logical processors; grimoire's widest ISA: {isa}{forced}; {runtime}.",
         f"- Peers: scikit-learn {sklearn.__version__}, NumPy {np.__version__} (Debian python3-sklearn); both sides at {args.threads} threads.",
         f"- Command: `{'DOTNET_EnableAVX512=0 ' if forced else ''}{command}` after the two builds its docstring names "
         "(the CLI published ReadyToRun for linux-x64).",
         f"- Fit time only, median of {args.repeats}: `grimoire fit` is a fresh process per run (its `fit_seconds`, without "
         "loading the .npy); in-process is the same fit repeated in one process (first, cold run included); scikit-learn "
         "is timed around `.fit` in this process. Ratio = grimoire / scikit-learn (≤ 1.0 is the target).", "",
         "| model | data | scikit-learn s | grimoire fit s | ratio | in-process s | ratio | scikit-learn objective | grimoire objective |",
         "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
for model, desc, sk_s, cli_s, lib_s, sk_v, cli_v, lib_v, what, error in rows:
    value = cli_v if cli_v is not None else lib_v
    shown = f"{value:.10g}" if value is not None else f"not run: {error}"
    lines.append(f"| {model} | {desc} | {sk_s:.3f} | {seconds_text(cli_s)} | {ratio(cli_s, sk_s)} | {seconds_text(lib_s)} | "
                 f"{ratio(lib_s, sk_s)} | {sk_v:.10g} ({what}) | {shown} |")
out = pathlib.Path(args.out) if args.out else ROOT / "docs" / "benchmarks" / f"ml-{date}.md"
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out}", file=sys.stderr)
