#!/usr/bin/env python3
"""Wall time of DQN on CartPole: `grimoire rl train dqn` next to the same algorithm in PyTorch (issue 16's speed target).

Run from the repository root after a Release build, with Debian's interpreter (python3-torch):
    /usr/bin/python3 benchmarks/rl/dqn_torch.py [--rounds N] [--steps N]
The PyTorch side is the DQN of src/Grimoire.Rl/ValueBased step for step: the same hyper-parameters (SETTINGS, also
passed to grimoire with --set so the two cannot drift apart), network sizes, epsilon schedule, Double-DQN target, Huber
loss, gradient clipping, Polyak update and learning-rate decay; CartPole-v1's equations in NumPy. Its weights start from
PyTorch's default initialisation and its generators are NumPy's and torch's, so its returns are not grimoire's; they
are printed to show it learns too. Timed: the training loop only (grimoire's `seconds`), not start-up or evaluation.
Each thread count runs ROUNDS rounds, alternating the sides, each side in its own process with the BLAS/OpenMP thread
variables set before torch loads. Prints a markdown table for docs/benchmarks/rl-<date>.md.
"""
import json
import math
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
GRIMOIRE = ROOT / "src" / "Grimoire.Cli" / "bin" / "Release" / "net10.0" / "grimoire.dll"

# grimoire's DqnSettings defaults, spelled out.
SETTINGS = {
    "lr": 2.3e-3, "lr_final_fraction": 0.02, "gamma": 0.99, "batch": 128, "buffer": 100_000, "learning_starts": 1000,
    "train_freq": 256, "gradient_steps": 128, "target_update": 8, "tau": 0.1, "epsilon_start": 1.0, "epsilon_end": 0.04,
    "exploration_fraction": 0.16, "hidden": 256, "double": True, "huber_delta": 1.0, "max_grad_norm": 10.0,
}


class CartPole:
    """Gymnasium's CartPole-v1: Euler steps of the classic equations, reward 1 per step, 500-step limit."""

    def __init__(self, rng):
        self.rng = rng

    def reset(self):
        self.state = self.rng.uniform(-0.05, 0.05, 4)
        self.steps = 0
        return self.state.astype("float32")

    def step(self, action):
        x, x_dot, theta, theta_dot = self.state
        force = 10.0 if action == 1 else -10.0
        cos, sin = math.cos(theta), math.sin(theta)
        temp = (force + 0.05 * theta_dot * theta_dot * sin) / 1.1
        theta_acc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * cos * cos / 1.1))
        x_acc = temp - 0.05 * theta_acc * cos / 1.1
        self.state = [x + 0.02 * x_dot, x_dot + 0.02 * x_acc, theta + 0.02 * theta_dot, theta_dot + 0.02 * theta_acc]
        self.steps += 1
        terminated = abs(self.state[0]) > 2.4 or abs(self.state[2]) > 12 * 2 * math.pi / 360
        import numpy as np
        return np.asarray(self.state, dtype="float32"), 1.0, terminated, not terminated and self.steps >= 500


def torch_dqn(threads, seed, total):
    import numpy as np
    import torch
    import torch.nn.functional as F
    torch.set_num_threads(threads)
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    s = SETTINGS
    h = s["hidden"]

    def network():
        return torch.nn.Sequential(torch.nn.Linear(4, h), torch.nn.ReLU(), torch.nn.Linear(h, h), torch.nn.ReLU(), torch.nn.Linear(h, 2))

    online, target = network(), network()
    target.load_state_dict(online.state_dict())
    optimizer = torch.optim.Adam(online.parameters(), lr=s["lr"])
    capacity = s["buffer"]
    obs_buf, next_buf = np.zeros((capacity, 4), "float32"), np.zeros((capacity, 4), "float32")
    act_buf, rew_buf, term_buf = np.zeros(capacity, "int64"), np.zeros(capacity, "float32"), np.zeros(capacity, "float32")
    count = position = gradient_steps = rounds = 0
    env = CartPole(rng)
    obs = env.reset()
    returns, episode_return = [], 0.0
    explore_steps = int(s["exploration_fraction"] * total)

    def gradient_step():
        nonlocal gradient_steps
        idx = rng.integers(0, count, s["batch"])
        o, a, r = torch.from_numpy(obs_buf[idx]), torch.from_numpy(act_buf[idx]), torch.from_numpy(rew_buf[idx])
        d, n = torch.from_numpy(term_buf[idx]), torch.from_numpy(next_buf[idx])
        with torch.no_grad():
            next_target = target(n)
            if s["double"]:
                next_value = next_target.gather(1, online(n).argmax(1, keepdim=True)).squeeze(1)
            else:
                next_value = next_target.max(1).values
            y = r + s["gamma"] * (1 - d) * next_value
        q = online(o).gather(1, a.unsqueeze(1)).squeeze(1)
        loss = F.huber_loss(q, y, delta=s["huber_delta"])
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(online.parameters(), s["max_grad_norm"])
        optimizer.step()
        gradient_steps += 1
        if gradient_steps % s["target_update"] == 0:
            with torch.no_grad():
                for t, p in zip(target.parameters(), online.parameters()):
                    t.mul_(1 - s["tau"]).add_(p, alpha=s["tau"])

    start = time.perf_counter()
    for step in range(total):
        epsilon = s["epsilon_end"] if step >= explore_steps else s["epsilon_start"] + (s["epsilon_end"] - s["epsilon_start"]) * step / explore_steps
        if rng.random() < epsilon:
            action = int(rng.integers(0, 2))
        else:
            with torch.no_grad():
                action = int(online(torch.from_numpy(obs).unsqueeze(0)).argmax(1).item())
        next_obs, reward, terminated, truncated = env.step(action)
        obs_buf[position], act_buf[position], rew_buf[position], term_buf[position], next_buf[position] = obs, action, reward, float(terminated), next_obs
        position, count = (position + 1) % capacity, min(count + 1, capacity)
        episode_return += reward
        obs = next_obs
        if terminated or truncated:
            returns.append(episode_return)
            episode_return, obs = 0.0, env.reset()
        done = step + 1
        while rounds < done // s["train_freq"]:
            rounds += 1
            if done >= s["learning_starts"]:
                for group in optimizer.param_groups:
                    group["lr"] = s["lr"] * (1 - (1 - s["lr_final_fraction"]) * min(1.0, done / total))
                for _ in range(s["gradient_steps"]):
                    gradient_step()
    seconds = time.perf_counter() - start

    evaluation = []
    for episode in range(20):
        env, total_return = CartPole(np.random.default_rng(1_000_000 + episode)), 0.0
        obs = env.reset()
        while True:
            with torch.no_grad():
                obs, reward, terminated, truncated = env.step(int(online(torch.from_numpy(obs).unsqueeze(0)).argmax(1).item()))
            total_return += reward
            if terminated or truncated:
                break
        evaluation.append(total_return)
    print(json.dumps({"seconds": seconds, "eval_mean_return": statistics.mean(evaluation),
                      "train_mean_return": statistics.mean(returns[-20:]), "version": torch.__version__}))


def grimoire(threads, seed, total):
    sets = [a for k, v in SETTINGS.items() for a in ("--set", f"{k}={str(v).lower() if isinstance(v, bool) else v}")]
    out = subprocess.run(["dotnet", str(GRIMOIRE), "rl", "train", "dqn", "--env", "cartpole", "--steps", str(total), "--seed", str(seed),
                          "--threads", str(threads), "--json", *sets], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


if len(sys.argv) > 4 and sys.argv[1] == "--child":
    torch_dqn(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    sys.exit(0)

ROUNDS = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
STEPS = int(sys.argv[sys.argv.index("--steps") + 1]) if "--steps" in sys.argv else 50_000
rows = []
for threads in (1, 2):
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
    ours, peer = [], []
    for seed in range(ROUNDS):
        peer.append(json.loads(subprocess.run([sys.executable, __file__, "--child", str(threads), str(seed), str(STEPS)],
                                              capture_output=True, text=True, env=env, check=True).stdout))
        ours.append(grimoire(threads, seed, STEPS))
        print(f"threads={threads} seed={seed}: grimoire {ours[-1]['seconds']:.1f} s (eval {ours[-1]['eval_mean_return']:.0f}), "
              f"pytorch {peer[-1]['seconds']:.1f} s (eval {peer[-1]['eval_mean_return']:.0f})", file=sys.stderr)
    ratios = sorted(o["seconds"] / p["seconds"] for o, p in zip(ours, peer))
    rows.append((threads, statistics.median(o["seconds"] for o in ours), statistics.median(p["seconds"] for p in peer), ratios,
                 [o["eval_mean_return"] for o in ours], [p["eval_mean_return"] for p in peer], peer[0]["version"]))

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown CPU")
print(f"- Machine: {cpu}, {os.cpu_count()} logical processors; PyTorch {rows[0][6]} (Debian python3-torch), NumPy CartPole.")
print(f"- Command: `/usr/bin/python3 benchmarks/rl/dqn_torch.py --rounds {ROUNDS} --steps {STEPS}` after `dotnet build src/Grimoire.Cli -c Release`.")
print(f"- {STEPS} environment steps, the default settings ({', '.join(f'{k}={v}' for k, v in SETTINGS.items())}); round r uses seed r on both sides, PyTorch first.")
print("")
print("| threads | grimoire s (median) | PyTorch s (median) | median ratio | ratio per round | grimoire eval returns | PyTorch eval returns |")
print("|---:|---:|---:|---:|---:|---:|---:|")
for threads, ours_s, peer_s, ratios, ours_eval, peer_eval, _ in rows:
    print(f"| {threads} | {ours_s:.1f} | {peer_s:.1f} | {statistics.median(ratios):.2f}x | {' / '.join(f'{r:.2f}' for r in ratios)} | "
          f"{' / '.join(f'{e:.0f}' for e in ours_eval)} | {' / '.join(f'{e:.0f}' for e in peer_eval)} |")
