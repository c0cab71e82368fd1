"""Summary of helper_ab.sh's log: per measure, each build's median over rounds and the paired after/before ratio per
round (times: < 1 is faster; GEMM GFLOP/s: > 1 is faster), and each build's GEMM against OpenBLAS in its own process.
Usage: /usr/bin/python3 benchmarks/gemm/helper_ab_summary.py ab.log"""
import re, sys, statistics, collections, json

vals = collections.defaultdict(dict)   # (metric, round) -> tree -> value
loads = []
tree = isa = rnd = None
for line in open(sys.argv[1]):
    m = re.match(r"step (\d+) (\w+) T=(\d) load=([\d.]+) (\{.*\})", line)
    if m:
        loads.append(float(m.group(4)))
        vals[(f"transformer step T={m.group(3)} (ms)", m.group(1))][m.group(2)] = json.loads(m.group(5))["median_ms"]; continue
    m = re.match(r"train (\d+) (\w+) T=(\d) load=([\d.]+) (\{.*\})", line)
    if m:
        j = json.loads(m.group(5)); loads.append(float(m.group(4)))
        vals[(f"{j['model'].split()[0]} train step T={m.group(3)} (ms)", m.group(1))][m.group(2)] = j["median_ms"]; continue
    m = re.match(r"## round (\d+) isa (\S+) tree (\S+) load average: ([\d.]+)", line)
    if m:
        rnd, isa, tree = m.group(1), m.group(2), m.group(3); loads.append(float(m.group(4))); continue
    m = re.match(r"(\S+) threads=2 (\S+): wall ([\d.]+) GFLOP/s", line)
    if m:
        who = tree if m.group(2) != "native-openblas" else f"openblas-{tree}"
        vals[(f"gemm {isa} 2T {m.group(1)} (GFLOP/s)", rnd)][who] = float(m.group(3))
metrics = collections.OrderedDict()
for (metric, r), d in vals.items():
    if "before" in d and "after" in d: metrics.setdefault(metric, []).append((d["before"], d["after"], d.get("openblas-after"), d.get("openblas-before")))
print(f"load {min(loads):.1f}-{max(loads):.1f}, rounds {max(len(v) for v in metrics.values())}")
print("| measure | before, median | after, median | after / before per round: median (range) | after vs OpenBLAS, same process: median (best) | before vs OpenBLAS: median (best) |")
print("|---|---:|---:|---|---|---|")
for metric, rows in metrics.items():
    ratios = sorted(n / b for b, n, _, _ in rows)
    ob_new = sorted(n / o for _, n, o, _ in rows if o); ob_base = sorted(b / o for b, _, _, o in rows if o)
    extra = f" | {statistics.median(ob_new):.2f}x ({max(ob_new):.2f}x) | {statistics.median(ob_base):.2f}x ({max(ob_base):.2f}x)" if ob_new else " | | "
    print(f"| {metric} | {statistics.median(b for b, *_ in rows):.1f} | {statistics.median(n for _, n, *_ in rows):.1f} | {statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f}){extra} |")
