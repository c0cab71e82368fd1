#!/usr/bin/env python3
"""PPO on CartPole in PyTorch with the hyper-parameters and structure of `grimoire rl train ppo --env cartpole --envs 8`.

The peer of the speed comparison in rl_report.py (run that one; this file is its child process):
    /usr/bin/python3 benchmarks/rl/torch_ppo.py --child THREADS SEED STEPS
prints one JSON object: training seconds, steps, episodes, mean return of the last 20 episodes and of 100 greedy
evaluation episodes. Thread variables must be set before torch loads, so rl_report.py sets them in the child's environment.

Same algorithm, step for step: 8 CartPole-v1 copies in NumPy (Gymnasium's equations, same-step auto-reset, 500-step
truncation), 32 steps per copy per update (256), one policy forward for all copies per step, then one value forward over
the rollout's observations, the last ones and the final observations of truncated episodes, and one log-prob forward;
GAE (gamma 0.98, lambda 0.8) with truncated episodes bootstrapped from V(final observation); 20 epochs of one mini-batch
of 256 (advantages standardised), clipped surrogate (clip 0.2) + 0.5 x MSE value loss, gradient norm clipped to 0.5,
Adam (eps 1e-5), learning rate 1e-3 and clip range annealed linearly to 0; actor and critic 64-64 tanh MLPs with
orthogonal initialisation (gain sqrt 2, policy output 0.01, value output 1).
"""
import json
import math
import sys
import time

import numpy as np


class CartPoles:
    """N copies of CartPole-v1 stepped together with NumPy (float64 state, float32 observations)."""

    def __init__(self, n, seed):
        self.n = n
        self.rng = np.random.default_rng(seed)
        self.state = self.rng.uniform(-0.05, 0.05, (n, 4))
        self.steps = np.zeros(n, dtype=np.int64)
        self.returns = np.zeros(n)
        self.episodes = []

    def observations(self):
        return self.state.astype(np.float32)

    def step(self, actions):
        x, x_dot, theta, theta_dot = self.state.T
        force = np.where(actions == 1, 10.0, -10.0)
        cos, sin = np.cos(theta), np.sin(theta)
        temp = (force + 0.05 * theta_dot * theta_dot * sin) / 1.1
        theta_acc = (9.8 * sin - cos * temp) / (0.5 * (4.0 / 3.0 - 0.1 * cos * cos / 1.1))
        x_acc = temp - 0.05 * theta_acc * cos / 1.1
        self.state = np.stack([x + 0.02 * x_dot, x_dot + 0.02 * x_acc, theta + 0.02 * theta_dot, theta_dot + 0.02 * theta_acc], axis=1)
        self.steps += 1
        self.returns += 1
        terminated = (np.abs(self.state[:, 0]) > 2.4) | (np.abs(self.state[:, 2]) > 12 * 2 * math.pi / 360)
        truncated = ~terminated & (self.steps >= 500)
        done = terminated | truncated
        final = self.state[done].astype(np.float32)
        for r in self.returns[done]:
            self.episodes.append(r)
        if done.any():
            self.state[done] = self.rng.uniform(-0.05, 0.05, (int(done.sum()), 4))
            self.steps[done] = 0
            self.returns[done] = 0
        return self.observations(), np.ones(self.n, dtype=np.float32), terminated, truncated, done, final


def train(threads, seed, total_steps):
    import torch
    from torch import nn
    torch.set_num_threads(threads)
    torch.manual_seed(seed)

    def mlp(outputs, gain):
        layers = [nn.Linear(4, 64), nn.Tanh(), nn.Linear(64, 64), nn.Tanh(), nn.Linear(64, outputs)]
        for layer, g in zip([layers[0], layers[2], layers[4]], [math.sqrt(2), math.sqrt(2), gain]):
            nn.init.orthogonal_(layer.weight, g)
            nn.init.zeros_(layer.bias)
        return nn.Sequential(*layers)

    actor, critic = mlp(2, 0.01), mlp(1, 1.0)
    params = list(actor.parameters()) + list(critic.parameters())
    optimizer = torch.optim.Adam(params, lr=1e-3, eps=1e-5)
    copies, per_copy, epochs, gamma, lam, clip0, lr0 = 8, 32, 20, 0.98, 0.8, 0.2, 1e-3
    batch = copies * per_copy
    updates = total_steps // batch
    envs = CartPoles(copies, seed)
    obs_now = envs.observations()
    obs = np.zeros((per_copy, copies, 4), np.float32)
    actions = np.zeros((per_copy, copies), np.int64)
    rewards = np.zeros((per_copy, copies), np.float32)
    terminated = np.zeros((per_copy, copies), bool)
    truncated = np.zeros((per_copy, copies), bool)
    start = time.perf_counter()
    for update in range(updates):
        finals = []
        for t in range(per_copy):
            obs[t] = obs_now
            with torch.no_grad():
                logits = actor(torch.from_numpy(obs_now))
                actions[t] = torch.distributions.Categorical(logits=logits).sample().numpy()
            obs_now, rewards[t], terminated[t], truncated[t], done, final = envs.step(actions[t])
            for i, row in zip(np.nonzero(truncated[t])[0], final[truncated[t][done]]):
                finals.append((t, i, row))
        flat_obs = torch.from_numpy(obs.reshape(-1, 4))
        flat_actions = torch.from_numpy(actions.reshape(-1))
        with torch.no_grad():
            extra = [obs_now] + ([np.stack([f[2] for f in finals])] if finals else [])
            values_all = critic(torch.cat([flat_obs] + [torch.from_numpy(e) for e in extra])).squeeze(-1).numpy()
            old_log_probs = torch.distributions.Categorical(logits=actor(flat_obs)).log_prob(flat_actions)
        values = values_all[:batch].reshape(per_copy, copies)
        last = values_all[batch:batch + copies]
        final_values = np.zeros((per_copy, copies), np.float32)
        for k, (t, i, _) in enumerate(finals):
            final_values[t, i] = values_all[batch + copies + k]
        next_values = np.where(terminated, 0.0, np.where(truncated, final_values, np.concatenate([values[1:], last[None]])))
        ended = terminated | truncated
        advantages = np.zeros((per_copy, copies), np.float32)
        following = np.zeros(copies)
        for t in reversed(range(per_copy)):
            delta = rewards[t] + gamma * next_values[t] - values[t]
            following = delta + np.where(ended[t] | (t == per_copy - 1), 0.0, gamma * lam * following)
            advantages[t] = following
        returns = torch.from_numpy((advantages + values).reshape(-1))
        advantages = torch.from_numpy(advantages.reshape(-1))
        remaining = 1 - update / updates
        for group in optimizer.param_groups:
            group["lr"] = lr0 * remaining
        clip = clip0 * remaining
        for _ in range(epochs):
            rows = torch.randperm(batch)
            a = advantages[rows]
            a = (a - a.mean()) / (a.std() + 1e-8)
            log_probs = torch.distributions.Categorical(logits=actor(flat_obs[rows])).log_prob(flat_actions[rows])
            ratio = (log_probs - old_log_probs[rows]).exp()
            surrogate = torch.min(ratio * a, ratio.clamp(1 - clip, 1 + clip) * a).mean()
            value_loss = ((critic(flat_obs[rows]).squeeze(-1) - returns[rows]) ** 2).mean()
            loss = -surrogate + 0.5 * value_loss
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(params, 0.5)
            optimizer.step()
    seconds = time.perf_counter() - start
    evaluation = CartPoles(1, 1_000_000 + seed)
    scores = []
    while len(evaluation.episodes) < 100:
        with torch.no_grad():
            action = actor(torch.from_numpy(evaluation.observations())).argmax(-1).numpy()
        evaluation.step(action)
    scores = evaluation.episodes[:100]
    print(json.dumps({"torch": torch.__version__, "threads": threads, "seed": seed, "steps": updates * batch, "episodes": len(envs.episodes),
                      "train_mean_return": float(np.mean(envs.episodes[-20:])), "eval_mean_return": float(np.mean(scores)), "seconds": seconds}))


def vector_steps_per_second(copies, steps):
    envs = CartPoles(copies, 0)
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    for _ in range(steps // copies):
        envs.step(rng.integers(0, 2, copies))
    return steps / (time.perf_counter() - start)


if __name__ == "__main__":
    if sys.argv[1] == "--child":
        train(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif sys.argv[1] == "--vector":
        print(json.dumps({"copies": int(sys.argv[2]), "steps_per_second": vector_steps_per_second(int(sys.argv[2]), int(sys.argv[3]))}))
