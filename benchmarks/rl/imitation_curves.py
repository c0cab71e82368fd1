#!/usr/bin/env python3
"""Behaviour cloning against DAgger on the same label budget (book §22, §24), and mode averaging (§22.2, §23.1).

Run from the repository root after `dotnet build src/Grimoire.Cli -c Release`:
    python3 benchmarks/rl/imitation_curves.py [--seeds 3]
Every figure comes from the CLI's contract: `grimoire rl train ALGO --env ENV --steps LABELS --seed S --eval-episodes 100
--json` (eval_mean_return: the final deterministic policy on 100 episodes the training never saw) and
`grimoire demo mode-averaging --seed S`. Prints markdown tables (every seed, and the median) for docs/benchmarks/rl-<date>.md.
"""
import json
import pathlib
import statistics
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ["dotnet", str(ROOT / "src" / "Grimoire.Cli" / "bin" / "Release" / "net10.0" / "grimoire.dll")]
SEEDS = range(int(sys.argv[sys.argv.index("--seeds") + 1]) if "--seeds" in sys.argv else 3)
BUDGETS = [50, 100, 200, 400, 800, 1600]


def eval_return(algo, env, labels, seed):
    out = subprocess.run([*GRIMOIRE, "rl", "train", algo, "--env", env, "--steps", str(labels), "--seed", str(seed), "--threads", "1",
                          "--eval-episodes", "100", "--json"], capture_output=True, text=True, check=True).stdout
    return json.loads(out)["eval_mean_return"]


def curve(env, algos, digits):
    print(f"| expert labels | {' | '.join(f'{a} (median) | {a} (seeds {min(SEEDS)}–{max(SEEDS)})' for a in algos)} |")
    print("|---:|" + "---:|---:|" * len(algos))
    for labels in BUDGETS:
        cells = []
        for algo in algos:
            returns = [eval_return(algo, env, labels, s) for s in SEEDS]
            cells.append(f"{statistics.median(returns):.{digits}f} | {' / '.join(f'{r:.{digits}f}' for r in returns)}")
        print(f"| {labels} | {' | '.join(cells)} |", flush=True)


print(f"CartPole, `grimoire rl train bc-categorical|dagger --env cartpole --steps LABELS --seed S --eval-episodes 100 --json`:\n")
curve("cartpole", ["bc-categorical", "dagger"], 1)
print(f"\nObstacle course, `grimoire rl train bc-mdn|dagger --env obstacle --steps LABELS --seed S --eval-episodes 100 --json`:\n")
curve("obstacle", ["bc-mdn", "dagger"], 2)
print("\nMode averaging, `grimoire demo mode-averaging --seed S` (1000 expert labels, 100 evaluation episodes):\n")
print("| seed | bc-gaussian success | bc-gaussian collision | bc-mdn success | bc-mdn collision |")
print("|---:|---:|---:|---:|---:|")
rates = {"bc-gaussian": [], "bc-mdn": []}
for seed in SEEDS:
    lines = subprocess.run([*GRIMOIRE, "demo", "mode-averaging", "--seed", str(seed)], capture_output=True, text=True, check=True).stdout.splitlines()[1:]
    row = {}
    for line in lines:
        name, success, _, collision, _, _ = line.split()
        row[name] = (float(success) / 100, float(collision) / 100)
        rates[name].append(row[name])
    print(f"| {seed} | {row['bc-gaussian'][0]:.0%} | {row['bc-gaussian'][1]:.0%} | {row['bc-mdn'][0]:.0%} | {row['bc-mdn'][1]:.0%} |", flush=True)
print(f"| median | {statistics.median(r[0] for r in rates['bc-gaussian']):.0%} | {statistics.median(r[1] for r in rates['bc-gaussian']):.0%} | "
      f"{statistics.median(r[0] for r in rates['bc-mdn']):.0%} | {statistics.median(r[1] for r in rates['bc-mdn']):.0%} |")
