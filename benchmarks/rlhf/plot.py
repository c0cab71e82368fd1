"""Plots reward and KL per PPO round (3 seeds) and prints the summary tables of docs/benchmarks/rlhf-*.md."""
import json
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

out = sys.argv[1]
seeds = [0, 1, 2]
logs = [json.load(open(f"{out}/ppo-log-{s}.json")) for s in seeds]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
for s, log in zip(seeds, logs):
    it = [h["iteration"] for h in log["history"]]
    ax1.plot(it, [h["reward"] for h in log["history"]], label=f"seed {s}")
    ax2.plot(it, [h["kl"] for h in log["history"]], label=f"seed {s}")
ax2.axhline(logs[0]["kl_target"], color="k", linestyle="--", label="KL target")
ax1.set(xlabel="PPO round", ylabel="reward model score (raw)", title="reward per round")
ax2.set(xlabel="PPO round", ylabel="KL to reference (nats / sequence)", title="KL per round")
ax1.legend()
ax2.legend()
fig.tight_layout()
fig.savefig(f"{out}/rlhf-ppo.png", dpi=100)

for noise in ["0", "0.1", "0.2"]:
    r = json.load(open(f"{out}/reward-{noise}.json"))
    print(f"reward model, noise {noise}: accuracy {r['accuracy']:.3f} over held-out pairs of {r['pairs']}, {r['seconds']:.1f} s")
before = [x for log in logs for x in log["before"]["oracle"]]
after = [x for log in logs for x in log["after"]["oracle"]]
diff = [a - b for a, b in zip(after, before)]
pooled = ((statistics.variance(before) + statistics.variance(after)) / 2) ** 0.5
print(f"oracle: reference {statistics.mean(before):.4f} (sd {statistics.stdev(before):.4f}), fine-tuned {statistics.mean(after):.4f} "
      f"(sd {statistics.stdev(after):.4f}) over {len(before)} samples; Cohen's d {(statistics.mean(after) - statistics.mean(before)) / pooled:.2f}; "
      f"paired mean difference {statistics.mean(diff):.4f} (sd {statistics.stdev(diff):.4f}), fraction improved {sum(d > 0 for d in diff) / len(diff):.2f}")
for s, log in zip(seeds, logs):
    p = json.load(open(f"{out}/ppo-{s}.json"))
    tail = [h["kl"] for h in log["history"][-10:]]
    print(f"seed {s}: {json.dumps(p)}; mean KL last 10 rounds {statistics.mean(tail):.2f}, all rounds {statistics.mean(h['kl'] for h in log['history']):.2f} (target {log['kl_target']})")
for name in ["ppo", "dpo"]:
    runs = [json.load(open(f"{out}/{name}-log-{s}.json")) for s in seeds]
    b = [x for r in runs for x in r["before"]["oracle"]]
    a = [x for r in runs for x in r["after"]["oracle"]]
    kl = [x for r in runs for x in r["after"]["kl"]]
    rw = [x for r in runs for x in r["after"]["rewards"]]
    sd = ((statistics.variance(b) + statistics.variance(a)) / 2) ** 0.5
    secs = statistics.mean(json.load(open(f"{out}/{name}-{s}.json"))["seconds"] for s in seeds)
    print(f"{name}: oracle {statistics.mean(b):.4f} -> {statistics.mean(a):.4f} (d {(statistics.mean(a) - statistics.mean(b)) / sd:.2f}), "
          f"reward after {statistics.mean(rw):.2f}, KL {statistics.mean(kl):.2f}, {secs:.1f} s per run")
log = logs[0]
for i in range(4):
    dpo = json.load(open(f"{out}/dpo-log-0.json"))
    print(f"| {log['before']['prompts'][i]!r} | {log['before']['completions'][i]!r} | {log['after']['completions'][i]!r} | {dpo['after']['completions'][i]!r} |")
