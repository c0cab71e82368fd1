"""k-means with both libraries' defaults (k-means++ starts, 10 of them) on the blobs of sklearn_vs_grimoire.py, in 5
alternating rounds: scikit-learn's KMeans(16, n_init=10).fit in this process against a fresh `grimoire fit kmeans` per
round (its fit_seconds). Run from the repository root after the ReadyToRun publish that sklearn_vs_grimoire.py names:
    /usr/bin/python3 benchmarks/ml/kmeans_default_vs_sklearn.py [artifacts/cli/grimoire.dll]
"""
import json, os, statistics, subprocess, sys, tempfile, time, warnings
os.environ.setdefault("OMP_NUM_THREADS", "2"); os.environ.setdefault("OPENBLAS_NUM_THREADS", "2")
import numpy as np
from sklearn.cluster import KMeans
warnings.filterwarnings("ignore")
cli = sys.argv[1] if len(sys.argv) > 1 else "artifacts/cli/grimoire.dll"
rng = np.random.default_rng(0)
centers = rng.uniform(-10, 10, size=(16, 16))
x = centers[np.arange(200_000) % 16] + rng.standard_normal((200_000, 16))
data = os.path.join(tempfile.mkdtemp(), "blobs.npy")
np.save(data, np.column_stack([x, np.zeros(len(x))]))
sk, gr = [], []
for r in range(5):
    t = time.perf_counter(); m = KMeans(16, n_init=10, random_state=r).fit(x); sk.append(time.perf_counter() - t)
    out = subprocess.run(["dotnet", cli, "fit", "kmeans", "--data", data, "--target", "y", "--json", "--set", "n_clusters=16", "--set", f"random_state={r}"],
                         capture_output=True, text=True, env=dict(os.environ, GRIMOIRE_THREADS="2"), check=True)
    d = json.loads(out.stdout); gr.append(d["fit_seconds"])
    print(f"round {r}: sklearn {sk[-1]:.3f} s inertia {m.inertia_:.1f} iters {m.n_iter_}; grimoire {gr[-1]:.3f} s inertia {d['inertia']:.1f} iters {d['n_iter']}")
print(f"median sklearn {statistics.median(sk):.3f} s, grimoire {statistics.median(gr):.3f} s, ratio {statistics.median(gr)/statistics.median(sk):.2f}x")
