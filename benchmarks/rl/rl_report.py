#!/usr/bin/env python3
"""Issue 16's policy-gradient targets and PPO's speed against PyTorch, written to docs/benchmarks/rl-<date>.md.

Run from the repository root after `dotnet build src/Grimoire.Cli -c Release`, with Debian's interpreter
(python3-torch, python3-matplotlib):
    /usr/bin/python3 benchmarks/rl/rl_report.py [--rounds N] [--seeds 0,1,2] [--targets NAME,...] [--speed ppo|dqn|none]
                                                [--report NAME] [--cache FILE]
--targets runs only those targets (default: every policy-gradient one, the report docs/benchmarks/rl-<date>.md);
--report names the file (docs/benchmarks/NAME-<date>.md); --speed picks the speed comparison (default ppo): dqn runs
dqn_torch.py, whose rounds are the DQN target's speed figure. The DQN report:
    /usr/bin/python3 benchmarks/rl/rl_report.py --targets dqn-cartpole --speed dqn --report rl-dqn
With --cache, every run's result is kept in FILE as it finishes and taken from there when the report is run again
(to finish a report that was interrupted without running everything again).
1. Every target run for each seed (`grimoire rl train ... --json`, 100 evaluation episodes of the final greedy policy on
   seeds training never used); the learning curve of each run from the episodes its saved agent records
   ("state.episodes.*" in the safetensors file written by --out), one PNG per algorithm.
2. PPO on CartPole, 100 000 steps, grimoire against torch_ppo.py (the same algorithm, hyper-parameters, network sizes
   and batching, the environment in NumPy), at 1 and 2 threads, rounds alternating the sides; training wall seconds
   as each side reports them (startup, JIT warm-up of the first update included, evaluation excluded).
3. Vectorised CartPole steps/s: grimoire's VectorEnvironment by BenchmarkDotNet (build benchmarks/Grimoire.Benchmarks
   in Release first), NumPy's by torch_ppo.py --vector.
"""
import csv
import datetime
import json
import os
import pathlib
import statistics
import struct
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ROOT / "src" / "Grimoire.Cli" / "bin" / "Release" / "net10.0" / "grimoire.dll"
PEER = pathlib.Path(__file__).resolve().parent / "torch_ppo.py"
ARGS = sys.argv[1:]
ROUNDS = int(ARGS[ARGS.index("--rounds") + 1]) if "--rounds" in ARGS else 3
SEEDS = [int(s) for s in ARGS[ARGS.index("--seeds") + 1].split(",")] if "--seeds" in ARGS else [0, 1, 2]
DATE = datetime.date.today().isoformat()
SPEED = ARGS[ARGS.index("--speed") + 1] if "--speed" in ARGS else "ppo"
REPORT = ARGS[ARGS.index("--report") + 1] if "--report" in ARGS else "rl"
CACHE = pathlib.Path(ARGS[ARGS.index("--cache") + 1]) if "--cache" in ARGS else None
CACHED = json.loads(CACHE.read_text()) if CACHE and CACHE.exists() else {}


def cached(key, run):
    """run(), or its result from an earlier report's --cache file."""
    if key not in CACHED:
        CACHED[key] = run()
        if CACHE:
            CACHE.write_text(json.dumps(CACHED))
    return CACHED[key]
OUT = ROOT / "docs" / "benchmarks"

TARGETS = [
    # name, command after `grimoire`, target text, threshold (eval mean return, median over seeds)
    ("ppo-cartpole", "rl train ppo --env cartpole --steps 100000 --envs 8", "≥ 475 after ≤ 100 000 steps", 475),
    ("ppo-cartpole-one-copy", "rl train ppo --env cartpole --steps 100000", "≥ 475 after ≤ 100 000 steps (one copy, the CLI's default)", 475),
    ("reinforce-cartpole", "rl train reinforce --env cartpole", "≥ 475 within 500 episodes (with baseline)", 475),
    ("reinforce-nobaseline-cartpole", "rl train reinforce --env cartpole --set baseline=false", "none (learning curve beside the baseline's)", None),
    ("npg-cartpole", "rl train npg --env cartpole --steps 100000 --envs 2", "none in the issue", None),
    ("ppo-pendulum", "rl train ppo --env pendulum --steps 200000", "≥ −200 after ≤ 200 000 steps", -200),
    ("dqn-cartpole", "rl train dqn --env cartpole --steps 50000", "≥ 475 after ≤ 50 000 steps", 475),
]
SELECTED = ARGS[ARGS.index("--targets") + 1].split(",") if "--targets" in ARGS else [t[0] for t in TARGETS if t[0] != "dqn-cartpole"]
TARGETS = [t for t in TARGETS if t[0] in SELECTED]
def episodes(path):
    """(return, length) of every training episode, from the agent file's safetensors header and data."""
    data = pathlib.Path(path).read_bytes()
    size = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + size])

    def array(name, fmt):
        entry = header[name]
        begin, end = entry["data_offsets"]
        return struct.unpack(f"<{(end - begin) // struct.calcsize(fmt)}{fmt}", data[8 + size + begin:8 + size + end])
    return list(zip(array("state.episodes.return", "d"), array("state.episodes.length", "i")))


def grimoire(command, seed, threads=None, record=True):
    """The run's JSON report and, when <record>, its episodes (read from the agent it saves: --out also writes
    checkpoints during the run, so timed runs leave it out)."""
    with tempfile.TemporaryDirectory() as folder:
        agent = pathlib.Path(folder) / "agent.ckpt"
        args = ["dotnet", str(GRIMOIRE)] + command.split() + ["--seed", str(seed), "--eval-episodes", "100", "--json"]
        args += (["--out", str(agent)] if record else []) + (["--threads", str(threads)] if threads else [])
        run = subprocess.run(args, capture_output=True, text=True, check=True)
        return json.loads(run.stdout), episodes(agent) if record else None


def plot(name, runs, extra=None, by_episode=False):
    """Mean return of the last 20 episodes against environment steps (or episodes), one line per seed."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6.4, 4))
    for (label, seed_runs), style in zip([(name, runs)] + ([extra] if extra else []), ["-", "--"]):
        for (seed, (_, record)), color in zip(seed_runs.items(), ["C0", "C1", "C2", "C3", "C4"]):
            steps, x, y = 0, [], []
            for e, (_, length) in enumerate(record):
                steps += length
                window = record[max(0, e - 19):e + 1]
                x.append(e + 1 if by_episode else steps)
                y.append(sum(r for r, _ in window) / len(window))
            ax.plot(x, y, style, color=color, linewidth=1, label=f"{label}, seed {seed}")
    ax.set_xlabel("episodes" if by_episode else "environment steps")
    ax.set_ylabel("mean return of the last 20 episodes")
    ax.set_title(name)
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = OUT / f"rl-{DATE}-{name}.png"
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path.name


lines = [f"# Reinforcement learning (issue 16): {', '.join(SELECTED)}, targets and speed, {DATE}", ""]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
lines += [f"- Machine: {cpu}, {os.cpu_count()} logical processors, shared with other agents' builds and tests (load average "
          f"{os.getloadavg()[0]:.1f} when this report was written; runs taken from a --cache file ran earlier): wall times are "
          "noisy, so speed is compared by the ratios of alternating rounds.",
          f"- Command: `/usr/bin/python3 benchmarks/rl/rl_report.py {' '.join(a for a in ARGS if not a.endswith('.json'))}` after `dotnet build src/Grimoire.Cli -c Release`; `grimoire` below is "
          "`dotnet src/Grimoire.Cli/bin/Release/net10.0/grimoire.dll`.",
          "- Every figure is the mean return of the final policy acting greedily (most probable action, Gaussian mean) over 100 "
          "evaluation episodes on seeds training never used (`--eval-episodes 100`); the target is met when the median over seeds is.", ""]
results = {}
for name, command, target, threshold in TARGETS:
    runs = {seed: cached(f"{name} {seed}", lambda: grimoire(command, seed)) for seed in SEEDS}
    results[name] = runs
    evals = [runs[s][0]["eval_mean_return"] for s in SEEDS]
    median = statistics.median(evals)
    verdict = "—" if threshold is None else ("met" if median >= threshold else "not met")
    print(f"{name}: {evals} median {median:.1f} {verdict}", file=sys.stderr)
    lines += [f"## {name}: `grimoire {command} --seed S --eval-episodes 100 --json`", "",
              f"Target: {target}. Median over seeds: **{median:.1f}** ({verdict}).", "",
              "| seed | steps | episodes | train mean return (last 20) | eval mean return | seconds |", "|---:|---:|---:|---:|---:|---:|"]
    for s in SEEDS:
        r = runs[s][0]
        train = r["train_mean_return"]
        lines.append(f"| {s} | {r['steps']} | {r['episodes']} | {train if train is None else f'{train:.1f}'} | {r['eval_mean_return']:.2f} | {r['seconds']:.1f} |")
    lines.append("")
if "reinforce-cartpole" in results:
    steps = [runs[0]["steps"] for runs in results["reinforce-cartpole"].values()]
    lines += [f"REINFORCE's 500 episodes took {min(steps):,} to {max(steps):,} environment steps with the baseline.", ""]
lines += ["Learning curves: the mean return of the last 20 training episodes (exploring actions), from the episodes each run's "
          "saved agent records.", ""]
for name in results:
    if name == "reinforce-nobaseline-cartpole" or name == "ppo-cartpole-one-copy":
        continue
    extra = ("no baseline", results["reinforce-nobaseline-cartpole"]) if name == "reinforce-cartpole" and "reinforce-nobaseline-cartpole" in results else None
    lines.append(f"![{name}]({plot(name, results[name], extra, by_episode=name.startswith('reinforce'))})")
lines.append("")

if SPEED == "dqn":
    lines += ["## Speed: DQN on CartPole, 50 000 steps, grimoire vs PyTorch", "",
              "The peer is `benchmarks/rl/dqn_torch.py`: the same algorithm step for step with the same settings, network sizes and "
              "batching, CartPole in NumPy, Debian's PyTorch in a child process with its thread variables set; ratio = grimoire / "
              "PyTorch training seconds (target ≤ 0.5).", "",
              subprocess.run([sys.executable, str(PEER.parent / "dqn_torch.py"), "--rounds", str(ROUNDS)], capture_output=True,
                             text=True, check=True).stdout]
if SPEED == "ppo":
    lines += ["## Speed: PPO on CartPole, 100 000 steps, grimoire vs PyTorch", "",
              "The peer is `benchmarks/rl/torch_ppo.py`: the same algorithm, hyper-parameters (8 copies × 32 steps, 20 epochs of one "
              "mini-batch of 256, annealed learning rate and clip), network sizes and batching (one policy forward per step for all "
              "copies; values and log-probabilities in one forward after each rollout), CartPole in NumPy, "
              "Debian's PyTorch in a child process with OMP/OpenBLAS/MKL threads set and OMP_WAIT_POLICY=PASSIVE. "
              f"{ROUNDS} rounds per thread count alternating the sides, seed 0; training seconds as each side reports them; "
              "ratio = grimoire / PyTorch (target ≤ 0.5), the median of the rounds' ratios and every round's.", "",
              "| threads | grimoire s | PyTorch s | median ratio | ratio per round | grimoire eval | PyTorch eval |", "|---:|---:|---:|---:|---:|---:|---:|"]
    for threads in (1, 2):
        env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
        rounds = []
        for r in range(ROUNDS):
            peer = cached(f"torch {threads} {r}", lambda: json.loads(subprocess.run([sys.executable, str(PEER), "--child", str(threads), "0", "100000"],
                                                                                    capture_output=True, text=True, env=env, check=True).stdout))
            ours = cached(f"grimoire {threads} {r}", lambda: grimoire("rl train ppo --env cartpole --steps 100000 --envs 8", 0, threads, record=False)[0])
            rounds.append((ours, peer))
            print(f"threads {threads}: grimoire {ours['seconds']:.1f} s, torch {peer['seconds']:.1f} s", file=sys.stderr)
        ratios = sorted(o["seconds"] / p["seconds"] for o, p in rounds)
        lines.append(f"| {threads} | {statistics.median(o['seconds'] for o, _ in rounds):.2f} | {statistics.median(p['seconds'] for _, p in rounds):.2f} | "
                     f"{statistics.median(ratios):.2f}x | {' / '.join(f'{r:.2f}' for r in ratios)} | {rounds[-1][0]['eval_mean_return']:.1f} | {rounds[-1][1]['eval_mean_return']:.1f} |")
    numpy_rate = json.loads(subprocess.run([sys.executable, str(PEER), "--vector", "8", "400000"], capture_output=True, text=True, check=True).stdout)["steps_per_second"]
    # grimoire's side by BenchmarkDotNet (benchmarks/Grimoire.Benchmarks/RlBenchmarks.cs): median time per copy-step
    bench = ROOT / "benchmarks" / "Grimoire.Benchmarks" / "bin" / "Release" / "net10.0" / "Grimoire.Benchmarks.dll"
    # run from the repository root: BenchmarkDotNet looks for the benchmark project under the working directory. Its
    # generated project sometimes fails to build on this loaded machine (every figure NA), so a failed run is repeated once.
    for attempt in range(2):
        subprocess.run(["dotnet", str(bench), "--filter", "*RlBenchmarks*"], cwd=ROOT, capture_output=True, text=True, check=True)
        rows = list(csv.DictReader(open(ROOT / "BenchmarkDotNet.Artifacts" / "results" / "Grimoire.Benchmarks.RlBenchmarks-report.csv")))
        if all(r["Median"] != "NA" for r in rows):
            break
    else:
        sys.exit("BenchmarkDotNet did not run RlBenchmarks; see its output (run the command above by hand)")
    median_ns = {r["Method"]: float(r["Median"].replace(",", "").split()[0]) * {"ns": 1, "μs": 1e3, "us": 1e3, "ms": 1e6}[r["Median"].split()[1]] for r in rows}
    lines += ["", "Vectorised CartPole, 8 copies, random actions, steps of one copy per second: "
              f"grimoire's `VectorEnvironment` {1e9 / median_ns['VectorCartPoleStep']:,.0f} (BenchmarkDotNet median, "
              "`dotnet benchmarks/Grimoire.Benchmarks/bin/Release/net10.0/Grimoire.Benchmarks.dll --filter '*RlBenchmarks*'`), "
              f"NumPy {numpy_rate:,.0f} (`torch_ppo.py --vector 8 400000`). The policy's batched forward and sampling for the 8 "
              f"copies costs {median_ns['PolicyActOnEightCopies'] * 8 / 1e3:.1f} µs per step (median).", ""]

path = OUT / f"{REPORT}-{DATE}.md"
path.write_text("\n".join(lines) + "\n")
print(f"wrote {path}", file=sys.stderr)
