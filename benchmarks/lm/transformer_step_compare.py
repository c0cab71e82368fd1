"""Training-step time of nanoGPT's CPU tiny-shakespeare transformer, engine vs PyTorch, in alternating rounds on one
machine: each round runs TransformerClock's `step` mode and transformer_torch.py's `step` mode once each (a few timed
batches of steps after warm-up), so load that drifts during the run hits both. Prints one JSON line per peer and thread
count: the median over rounds of each round's median step time, tokens/s, and the engine/PyTorch time ratio.

Usage (from the repository root, after `dotnet build benchmarks/lm/TransformerClock -c Release`):
  /usr/bin/python3 benchmarks/lm/transformer_step_compare.py [--threads 1 2] [--rounds 5]
"""
import argparse, json, os, statistics, subprocess

here = os.path.dirname(os.path.abspath(__file__))
clock = os.path.join(here, "TransformerClock/bin/Release/net10.0/TransformerClock.dll")
peer = os.path.join(here, "transformer_torch.py")
parser = argparse.ArgumentParser()
parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
parser.add_argument("--rounds", type=int, default=5)
args = parser.parse_args()


def run(command):
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(out)["median_ms"]


for threads in args.threads:
    ours, theirs = [], []
    for _ in range(args.rounds):
        ours.append(run(["dotnet", clock, "step", "--threads", str(threads), "--rounds", "3", "--steps", "10"]))
        theirs.append(run(["/usr/bin/python3", peer, "step", "--threads", str(threads), "--rounds", "3", "--steps", "10"]))
    g, t = statistics.median(ours), statistics.median(theirs)
    print(json.dumps({"threads": threads, "rounds": args.rounds, "grimoire_ms": round(g, 1), "torch_ms": round(t, 1),
                      "grimoire_tokens_per_s": round(768 / g * 1000), "torch_tokens_per_s": round(768 / t * 1000),
                      "ratio": round(g / t, 3), "grimoire_rounds_ms": ours, "torch_rounds_ms": theirs}), flush=True)
