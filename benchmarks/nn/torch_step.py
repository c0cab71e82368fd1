#!/usr/bin/env python3
"""Training-step time of issue 6's MLP and CNN in libtorch, next to `grimoire bench train-step`, and the report.

Run from the repository root after a Release build, with Debian's interpreter (python3-torch):
    /usr/bin/python3 benchmarks/nn/torch_step.py [--rounds N]
For each thread count it runs libtorch in a child process (thread variables must be set before torch loads)
and `grimoire bench train-step --threads T --json`, then writes docs/benchmarks/nn-<date>.md.
One step = forward, cross-entropy, backward, optimizer update on random float32 data; median of 9 after warm-up, over alternating rounds.
"""
import datetime
import json
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ROOT / "src" / "Grimoire.Cli" / "bin" / "Release" / "net10.0" / "grimoire.dll"


def torch_steps(threads):
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    nn = torch.nn

    def measure(model, optimizer, x, y):
        loss_fn = nn.CrossEntropyLoss()

        def step():
            optimizer.zero_grad()
            loss_fn(model(x), y).backward()
            optimizer.step()
        for _ in range(5):
            step()
        times = []
        for _ in range(9):
            start = time.perf_counter()
            step()
            times.append(time.perf_counter() - start)
        return statistics.median(times) * 1e3

    mlp = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    cnn = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                        nn.Flatten(), nn.Linear(32 * 5 * 5, 10))
    results = [
        ("mlp", measure(mlp, torch.optim.Adam(mlp.parameters(), 1e-3), torch.randn(128, 784), torch.arange(128) % 10)),
        ("cnn", measure(cnn, torch.optim.SGD(cnn.parameters(), 0.01, momentum=0.9), torch.randn(64, 1, 28, 28), torch.arange(64) % 10)),
    ]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"version": torch.__version__, "steps": results, "peak_rss_mb": peak_mb}))


if len(sys.argv) > 2 and sys.argv[1] == "--child":
    torch_steps(int(sys.argv[2]))
    sys.exit(0)

ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 5

rows = []
for threads in (1, 2):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    # Alternate the two sides round by round, so a burst of load on this shared machine hits both alike.
    rounds = []
    for _ in range(ROUNDS):
        peer = json.loads(subprocess.run([sys.executable, __file__, "--child", str(threads)], capture_output=True, text=True, env=env, check=True).stdout)
        ours = [json.loads(line) for line in subprocess.run(["dotnet", str(GRIMOIRE), "bench", "train-step", "--threads", str(threads), "--json"],
                                                            capture_output=True, text=True, check=True).stdout.splitlines()]
        rounds.append((peer, ours))
    for i, (kind, _) in enumerate(rounds[0][0]["steps"]):
        torch_ms = [peer["steps"][i][1] for peer, _ in rounds]
        ours_ms = [ours[i]["median_ms"] for _, ours in rounds]
        ratios = sorted(o / t for o, t in zip(ours_ms, torch_ms))
        mine, peer = rounds[-1][1][i], rounds[-1][0]
        rows.append((mine["model"], threads, statistics.median(ours_ms), statistics.median(torch_ms), ratios, mine["allocated_mb_per_step"], mine["peak_tensor_mb"], peer["peak_rss_mb"], peer["version"]))
        print(f"{kind} threads={threads}: grimoire {statistics.median(ours_ms):.3f} ms, libtorch {statistics.median(torch_ms):.3f} ms, "
              f"median ratio {statistics.median(ratios):.2f}, per round {', '.join(f'{r:.2f}' for r in ratios)}", file=sys.stderr)

date = datetime.date.today().isoformat()
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
lines = [f"# Training step: grimoire vs libtorch, {date}", "",
         f"- Machine: {cpu}, {os.cpu_count()} logical processors; libtorch {rows[0][8]} (Debian python3-torch) in a child process per thread count.",
         "- Command: `/usr/bin/python3 benchmarks/nn/torch_step.py` after `dotnet build -c Release` (grimoire side: `grimoire bench train-step --threads T --json`).",
         "- One step = forward, cross-entropy, backward, optimizer update, float32, random data; median of 9 after warm-up (grimoire warms up 1.5 s so the JIT reaches steady state).",
         f"- {ROUNDS} rounds per thread count, alternating libtorch and grimoire; times are the median over rounds. Ratio = grimoire / libtorch (≤ 1.0 is the target): the median of the rounds' ratios, then every round's, lowest to highest, since this shared 2-core machine has bursts of load.",
         "- Memory: grimoire's peak tensor memory during one step (host pool bytes in use at once: data, parameters, optimizer state, activations and gradients) and its managed allocation per step; libtorch's peak RSS of its whole process (interpreter and library included), the closest figure it exposes on CPU.", "",
         "| model | threads | grimoire ms | libtorch ms | median ratio | ratio per round | grimoire peak tensor MB | grimoire managed MB/step | libtorch peak RSS MB |",
         "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
for model, threads, ours_ms, torch_ms, ratios, alloc, peak, rss, _ in rows:
    lines.append(f"| {model} | {threads} | {ours_ms:.3f} | {torch_ms:.3f} | {statistics.median(ratios):.2f}x | {' / '.join(f'{r:.2f}' for r in ratios)} | {peak:.1f} | {alloc:.2f} | {rss:.0f} |")
out = ROOT / "docs" / "benchmarks" / f"nn-{date}.md"
out.write_text("\n".join(lines) + "\n")
print(f"wrote {out}", file=sys.stderr)
