#!/usr/bin/env python3
"""The libtorch peer of benchmarks/conv/ConvOpClock: conv2d on the vision layers at batch 64, each run timed by the
process's CPU time (time.process_time) and by the wall clock, the least of each over the runs: forward, the input and
weight gradients alone (aten.convolution_backward), forward + backward (input, weight and bias gradients, as
torch_peer.py). Arguments: [runs (15)] [threads (1)]. Run with Debian's interpreter and the thread variables set to the
same count before torch loads:
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 benchmarks/conv/torch_op_clock.py 15 1"""
import sys
import time

import torch

LAYERS = [(64, 3, 32, 16, 3, 1, 1), (64, 16, 32, 32, 3, 2, 1), (64, 32, 16, 64, 5, 1, 2), (64, 64, 8, 64, 3, 1, 1)]


def least(run, runs):
    start = time.process_time()
    while time.process_time() - start < 0.3:
        run()
    cpu = wall = float("inf")
    for _ in range(runs):
        c, w = time.process_time(), time.perf_counter()
        run()
        wall = min(wall, time.perf_counter() - w)
        cpu = min(cpu, time.process_time() - c)
    return cpu, wall


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    for n, cin, size, cout, k, s, p in LAYERS:
        x = torch.randn(n, cin, size, size, requires_grad=True)
        w = torch.randn(cout, cin, k, k, requires_grad=True)
        b = torch.zeros(cout, requires_grad=True)
        out = (size + 2 * p - k) // s + 1
        dy = torch.randn(n, cout, out, out)
        with torch.no_grad():
            forward = least(lambda: torch.nn.functional.conv2d(x, w, b, stride=s, padding=p), runs)

            def gradient(mask):
                return lambda: torch.ops.aten.convolution_backward(dy, x, w, [cout], [s, s], [p, p], [1, 1], False, [0, 0], 1, mask)

            dx = least(gradient([True, False, False]), runs)
            dw = least(gradient([False, True, False]), runs)

        def step():
            torch.nn.functional.conv2d(x, w, b, stride=s, padding=p).sum().backward()
            for t in (x, w, b):
                t.grad = None

        both = least(step, runs)
        spec = f"{n},{cin},{size},{cout},{k},{s},{p}"
        for i, clock in enumerate(("cpu", "wall")):
            print(f"{spec} {clock} fwd {forward[i] * 1e3:.3f} dx {dx[i] * 1e3:.3f} dw {dw[i] * 1e3:.3f} fwd+bwd {both[i] * 1e3:.3f} ms")


if __name__ == "__main__":
    main()
