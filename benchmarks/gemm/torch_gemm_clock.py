#!/usr/bin/env python3
"""The libtorch peer of benchmarks/gemm/GemmClock: float32 matmul per shape, a sample repeating the call until 2 ms have
passed, the least time per call over the rounds by the wall clock and by the process's CPU time (time.process_time).
Shapes as GemmClock: n, MxKxN, and ":bt" / ":at" for a transposed B / A view. Run with Debian's interpreter and the
thread variables set before torch loads, e.g. for 2 threads:
OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 \
    benchmarks/gemm/torch_gemm_clock.py 2 15 512 64x64x1024:bt"""
import sys
import time

import torch


def operand(rows, cols, transposed):
    return torch.randn(cols, rows).t() if transposed else torch.randn(rows, cols)


def sample(run):
    calls, cpu, wall = 0, time.process_time(), time.perf_counter()
    while True:
        run()
        calls += 1
        if time.perf_counter() - wall >= 0.002:
            break
    return (time.perf_counter() - wall) / calls, (time.process_time() - cpu) / calls


def main():
    threads, rounds = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    for spec in sys.argv[3:]:
        size, _, flag = spec.partition(":")
        m, k, n = (int(x) for x in size.split("x")) if "x" in size else (int(size),) * 3
        a, b = operand(m, k, flag == "at"), operand(k, n, flag == "bt")
        c = torch.empty(m, n)
        run = lambda: torch.matmul(a, b, out=c)
        start = time.perf_counter()
        while time.perf_counter() - start < 0.2:
            run()
        wall = cpu = float("inf")
        for _ in range(rounds):
            w, u = sample(run)
            wall, cpu = min(wall, w), min(cpu, u)
        flops = 2.0 * m * k * n
        print(f"{spec} threads={threads} libtorch: wall {flops / wall / 1e9:.1f} GFLOP/s ({wall * 1e3:.4f} ms), "
              f"cpu {flops / cpu / 1e9:.1f} GFLOP/s per CPU-second ({cpu * 1e3:.4f} ms)")


if __name__ == "__main__":
    main()
