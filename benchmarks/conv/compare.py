#!/usr/bin/env python3
"""conv2d against libtorch, interleaved: each round runs `grimoire bench conv` (forward, then forward + backward) and
benchmarks/peers/torch_peer.py on the vision layers at 1 and 2 threads, one process after the other, so both sides see the
same load on a shared machine. Prints a markdown table: per layer, pass and thread count the median GFLOP/s of each side
over the rounds, the ratio of the medians and the range of the per-round ratios. Run from the repository root with
Debian's interpreter (the one that has torch):
/usr/bin/python3 benchmarks/conv/compare.py --rounds 5 [--label before] [--env GRIMOIRE_KERNELS=conv2d:avx2,...]
    [--torch-env ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2]"""
import argparse
import json
import os
import re
import statistics
import subprocess

LAYERS = ["64,3,32,16,3,1,1", "64,16,32,32,3,2,1", "64,32,16,64,5,1,2", "64,64,8,64,3,1,1"]


def shape_spec(text):
    """'64x3x32x32 k3 s1 p1 → 16' as the peer's 'batch,cin,size,cout,kernel,stride,padding'."""
    m = re.match(r"(\d+)x(\d+)x(\d+)x\d+ k(\d+) s(\d+) p(\d+) → (\d+)", text)
    n, c, s, k, st, p, o = m.groups()
    return ",".join([n, c, s, o, k, st, p])


def engine(grimoire, threads, backward, env):
    args = grimoire.split() + ["bench", "conv", "--threads", str(threads)] + (["--backward"] if backward else [])
    out = subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout
    results = {}
    for line in out.splitlines()[1:]:
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 4:
            results[shape_spec(cells[0])] = float(cells[3])
    return results


def torch(threads, extra):
    env = dict(os.environ, **extra)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(threads)
    # Idle OpenMP workers would otherwise spin on the cores the working threads need.
    env["OMP_WAIT_POLICY"] = "PASSIVE"
    out = subprocess.run(["/usr/bin/python3", "benchmarks/peers/torch_peer.py", "--threads", str(threads), "--conv", *LAYERS],
                         capture_output=True, text=True, check=True, env=env).stdout
    data = json.loads(out)
    return data["torch"], {(r["kind"] == "conv_backward", r["shape"]): r["gflops"] for r in data["results"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--grimoire", default="dotnet src/Grimoire.Cli/bin/Release/net10.0/grimoire.dll")
    parser.add_argument("--env", nargs="*", default=[], help="NAME=VALUE pairs for the engine's processes")
    parser.add_argument("--torch-env", nargs="*", default=[],
                        help="NAME=VALUE pairs for the peer, e.g. ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 beside a forced avx2 engine")
    parser.add_argument("--label", default="engine")
    args = parser.parse_args()
    env = dict(os.environ, **dict(pair.split("=", 1) for pair in args.env))
    torch_env = dict(pair.split("=", 1) for pair in args.torch_env)
    samples = {}
    version = "?"
    for _ in range(args.rounds):
        for t in args.threads:
            for backward in (False, True):
                for shape, g in engine(args.grimoire, t, backward, env).items():
                    samples.setdefault((shape, backward, t), {"engine": [], "torch": []})["engine"].append(g)
            version, peer = torch(t, torch_env)
            for (backward, shape), g in peer.items():
                samples.setdefault((shape, backward, t), {"engine": [], "torch": []})["torch"].append(g)
    print(f"| layer (n,cin,size,cout,k,s,p) | pass | threads | {args.label} GFLOP/s | libtorch {version} GFLOP/s | ratio of medians | per-round ratios |")
    print("|---|---|---:|---:|---:|---:|---|")
    for (shape, backward, t), s in sorted(samples.items(), key=lambda kv: (LAYERS.index(kv[0][0]), kv[0][1], kv[0][2])):
        e, p = statistics.median(s["engine"]), statistics.median(s["torch"])
        ratios = [a / b for a, b in zip(s["engine"], s["torch"])]
        print(f"| {shape} | {'fwd+bwd' if backward else 'fwd'} | {t} | {e:.1f} | {p:.1f} | {e / p:.2f}x | {min(ratios):.2f}-{max(ratios):.2f} |")


if __name__ == "__main__":
    main()
