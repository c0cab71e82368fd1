#!/usr/bin/env python3
"""Per-op conv2d timings of one or more engine builds against libtorch, interleaved: each round runs every build's
benchmarks/conv/ConvOpClock and benchmarks/conv/torch_op_clock.py, one process after the other, at each thread count.
Each process prints, per vision layer, the least CPU time and the least wall time of forward, input gradient, weight
gradient and forward + backward; this prints, per clock, the median over the rounds of each side and the speed ratio
libtorch ms / engine ms (>= 1.0 is the target). Run from the repository root with Debian's interpreter:
/usr/bin/python3 benchmarks/conv/op_clock_rounds.py --rounds 5 --engine after="dotnet benchmarks/conv/ConvOpClock/bin/Release/net10.0/ConvOpClock.dll" [--avx2]
--avx2 sets DOTNET_EnableAVX512=0 for the engine and ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 for libtorch."""
import argparse
import os
import statistics
import subprocess

OPS = ["fwd", "dx", "dw", "fwd+bwd"]


def parse(text):
    """'spec clock fwd a dx b dw c fwd+bwd d ms' lines as {(spec, clock, op): ms}."""
    out = {}
    for line in text.splitlines():
        cells = line.split()
        if len(cells) == 11 and cells[-1] == "ms":
            for i, op in enumerate(OPS):
                out[(cells[0], cells[1], op)] = float(cells[3 + 2 * i])
    return out


def run(args, env):
    return parse(subprocess.run(args, capture_output=True, text=True, check=True, env=env).stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=20, help="timed runs per op in each process")
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--engine", nargs="+", required=True, help="label=command pairs")
    parser.add_argument("--avx2", action="store_true")
    args = parser.parse_args()
    engines = [pair.split("=", 1) for pair in args.engine]
    engine_env = dict(os.environ, **({"DOTNET_EnableAVX512": "0"} if args.avx2 else {}))
    samples = {}
    loads = []
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        for t in args.threads:
            torch_env = dict(os.environ, OMP_WAIT_POLICY="PASSIVE", **{v: str(t) for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
            if args.avx2:
                torch_env.update(ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2")
            sides = [(label, command.split() + [str(args.runs), str(t)], engine_env) for label, command in engines]
            sides.append(("libtorch", ["/usr/bin/python3", "benchmarks/conv/torch_op_clock.py", str(args.runs), str(t)], torch_env))
            for label, command, env in sides:
                for key, ms in run(command, env).items():
                    samples.setdefault((label, t) + key, []).append(ms)
    print(f"load average (1 min) at each round's start: {', '.join(f'{x:.1f}' for x in loads)}\n")
    labels = [label for label, _ in engines]
    specs = sorted({k[2] for k in samples}, key=lambda s: [k[2] for k in samples].index(s))
    for clock in ("cpu", "wall"):
        print(f"least {clock} time, median over {args.rounds} rounds (ms; speed = libtorch ms / engine ms)\n")
        print("| layer (n,cin,size,cout,k,s,p) | op | threads | " + " | ".join(f"{l} ms" for l in labels) + " | libtorch ms | "
              + " | ".join(f"{l} speed" for l in labels) + " |")
        print("|---|---|---:|" + "---:|" * (2 * len(labels) + 1))
        for spec in specs:
            for op in OPS:
                for t in args.threads:
                    med = {l: statistics.median(samples[(l, t, spec, clock, op)]) for l in labels + ["libtorch"]}
                    print(f"| {spec} | {op} | {t} | " + " | ".join(f"{med[l]:.3f}" for l in labels) + f" | {med['libtorch']:.3f} | "
                          + " | ".join(f"{med['libtorch'] / med[l]:.2f}x" for l in labels) + " |")
        print()


if __name__ == "__main__":
    main()
