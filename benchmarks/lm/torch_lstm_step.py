"""PyTorch peer of LstmBenchmarks: one nn.LSTM training step (forward + backward) at T=64, batch 32, input = hidden = 256.

Usage: /usr/bin/python3 benchmarks/lm/torch_lstm_step.py --threads 1 [--rounds 7] [--steps 10]
Prints one JSON line: threads, median_ms (median over rounds of the mean step time), tokens_per_s.
"""
import argparse, json, statistics, time

import torch

T, B, SIZE = 64, 32, 256

parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--rounds", type=int, default=7)
parser.add_argument("--steps", type=int, default=10)
args = parser.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)
lstm = torch.nn.LSTM(SIZE, SIZE)
x = torch.randn(T, B, SIZE)
w = torch.randn(T, B, SIZE)


def step():
    lstm.zero_grad(set_to_none=True)
    out, _ = lstm(x)
    (out * w).sum().backward()


for _ in range(3):
    step()
rounds = []
for _ in range(args.rounds):
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    rounds.append((time.perf_counter() - start) / args.steps * 1000)
median = statistics.median(rounds)
print(json.dumps({"peer": "torch", "version": torch.__version__, "threads": args.threads, "median_ms": round(median, 3), "tokens_per_s": round(T * B / median * 1000)}))
