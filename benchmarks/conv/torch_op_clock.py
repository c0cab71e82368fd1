#!/usr/bin/env python3
"""The libtorch peer of benchmarks/conv/ConvOpClock: conv2d on the vision layers at batch 64 on one thread, timed by the
process's CPU time (time.process_time), the least over the runs: forward, forward + backward (input, weight and bias
gradients, as torch_peer.py). Run with Debian's interpreter and the thread variables set before torch loads:
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/conv/torch_op_clock.py"""
import sys
import time

import torch

LAYERS = [(64, 3, 32, 16, 3, 1, 1), (64, 16, 32, 32, 3, 2, 1), (64, 32, 16, 64, 5, 1, 2), (64, 64, 8, 64, 3, 1, 1)]


def least(run, runs):
    start = time.process_time()
    while time.process_time() - start < 0.3:
        run()
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        run()
        best = min(best, time.process_time() - t)
    return best


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    torch.set_num_threads(1)
    for n, cin, size, cout, k, s, p in LAYERS:
        x = torch.randn(n, cin, size, size, requires_grad=True)
        w = torch.randn(cout, cin, k, k, requires_grad=True)
        b = torch.zeros(cout, requires_grad=True)
        with torch.no_grad():
            forward = least(lambda: torch.nn.functional.conv2d(x, w, b, stride=s, padding=p), runs)

        def step():
            torch.nn.functional.conv2d(x, w, b, stride=s, padding=p).sum().backward()
            for t in (x, w, b):
                t.grad = None

        print(f"{n},{cin},{size},{cout},{k},{s},{p} fwd {forward * 1e3:.3f} fwd+bwd {least(step, runs) * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
