#!/usr/bin/env python3
"""libtorch peer for the CPU report: prints one JSON list of measurements (median of timed runs after
warm-up), for the same shapes and thread count the engine is timed on. Run with Debian's interpreter, one
process per thread count, with the BLAS thread variables set too (torch.set_num_threads alone does not
bind the BLAS that Debian's torch calls):
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/peers/torch_peer.py --threads 1 --gemm 1024,1024,1024"""
import argparse
import json
import statistics
import time

import torch


def median_seconds(run, warmups=5, runs=9):
    for _ in range(warmups):
        run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def gemm(m, k, n):
    a, b = torch.randn(m, k), torch.randn(k, n)
    return 2.0 * m * k * n, lambda: torch.matmul(a, b)


def conv(batch, cin, size, cout, kernel, stride, padding, backward):
    x = torch.randn(batch, cin, size, size, requires_grad=backward)
    w = torch.randn(cout, cin, kernel, kernel, requires_grad=backward)
    b = torch.zeros(cout, requires_grad=backward)
    out = (size + 2 * padding - kernel) // stride + 1
    flops = 2.0 * batch * cout * out * out * cin * kernel * kernel

    def run():
        y = torch.nn.functional.conv2d(x, w, b, stride=stride, padding=padding)
        if backward:
            y.sum().backward()
            for t in (x, w, b):
                t.grad = None

    return flops * (3 if backward else 1), run


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--gemm", nargs="*", default=[], help="m,k,n triples")
    parser.add_argument("--conv", nargs="*", default=[], help="batch,cin,size,cout,kernel,stride,padding")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    results = []
    with torch.no_grad():
        for spec in args.gemm:
            m, k, n = map(int, spec.split(","))
            flops, run = gemm(m, k, n)
            results.append({"kind": "gemm", "shape": spec, "gflops": flops / median_seconds(run) / 1e9})
    for spec in args.conv:
        for backward in (False, True):
            flops, run = conv(*map(int, spec.split(",")), backward)
            results.append({"kind": "conv_backward" if backward else "conv", "shape": spec,
                            "gflops": flops / median_seconds(run, runs=5) / 1e9})
    print(json.dumps({"torch": torch.__version__, "results": results}))


if __name__ == "__main__":
    main()
