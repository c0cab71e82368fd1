"""PyTorch peer of benchmarks/lm/TransformerClock: nanoGPT's model (model.py, bias=False, dropout 0) and its CPU
tiny-shakespeare recipe (train.py with config/train_shakespeare_char.py and the README's CPU overrides: 4 layers,
4 heads, 128 wide, block 64, batch 12, 2000 iterations, AdamW lr 1e-3 betas (0.9, 0.99) weight decay 0.1 on 2-D
parameters, 100 warm-up steps then cosine to 1e-4 at 2000, grad clip 1.0, estimate_loss with 20 batches every 250).
Written from nanoGPT's source, not copied; the data split is prepare.py's (first 90 % train).

Usage: /usr/bin/python3 benchmarks/lm/transformer_torch.py step  --threads 1 [--rounds 7] [--steps 20]
       /usr/bin/python3 benchmarks/lm/transformer_torch.py train --threads 2 [--iters 2000] [--decay-iters 2000] [--seed 1337]
       /usr/bin/python3 benchmarks/lm/transformer_torch.py parity --threads 1 --dir /tmp/lmparity
       /usr/bin/python3 benchmarks/lm/transformer_torch.py golden --block 4 --layers 2 --heads 2 --dim 8
Each prints one JSON line at the end. The parity mode is the weight-for-weight check against the engine: it loads the
initial weights and the batches TransformerClock's dump mode wrote, runs the same steps, and prints the step-0 loss and
gradient differences, the weights' and AdamW moments' differences at each snapshot the engine saved, and the per-step
loss trace of both sides. The golden mode prints the reference numbers of tests/Grimoire.Tests/Nn/TransformerParityTests.cs.
"""
import argparse, json, math, os, statistics, struct, time

import numpy as np

import torch
import torch.nn as nn
from torch.nn import functional as F

BATCH = 12
EVAL_INTERVAL, EVAL_ITERS = 250, 20
LR, MIN_LR, WARMUP = 1e-3, 1e-4, 100

parser = argparse.ArgumentParser()
parser.add_argument("mode", choices=["step", "train", "parity", "golden"])
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--rounds", type=int, default=7)
parser.add_argument("--steps", type=int, default=20)
parser.add_argument("--iters", type=int, default=2000)
parser.add_argument("--decay-iters", type=int, default=2000, help="nanoGPT's lr_decay_iters")
parser.add_argument("--seed", type=int, default=1337)
parser.add_argument("--dir", default="/tmp/lmparity")
parser.add_argument("--block", type=int, default=64)
parser.add_argument("--layers", type=int, default=4)
parser.add_argument("--heads", type=int, default=4)
parser.add_argument("--dim", type=int, default=128)
args = parser.parse_args()
BLOCK, LAYERS, HEADS, DIM = args.block, args.layers, args.heads, args.dim
DECAY = args.decay_iters  # nanoGPT's lr_decay_iters (the recipe sets it to max_iters)
torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "../../src/Grimoire.Text/Corpora/Data/shakespeare.txt"), encoding="utf-8") as f:
    text = f.read()
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
n = int(0.9 * len(data))
train_data, val_data = data[:n], data[n:]


class LayerNorm(nn.Module):
    def __init__(self, ndim):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(ndim))

    def forward(self, x):
        return F.layer_norm(x, self.weight.shape, self.weight, None, 1e-5)


class CausalSelfAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(DIM, 3 * DIM, bias=False)
        self.c_proj = nn.Linear(DIM, DIM, bias=False)
        self.register_buffer("mask", torch.tril(torch.ones(BLOCK, BLOCK)).view(1, 1, BLOCK, BLOCK))

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(DIM, dim=2)
        k = k.view(B, T, HEADS, C // HEADS).transpose(1, 2)
        q = q.view(B, T, HEADS, C // HEADS).transpose(1, 2)
        v = v.view(B, T, HEADS, C // HEADS).transpose(1, 2)
        # PyTorch 1.13 has no scaled_dot_product_attention: nanoGPT's manual path
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.mask[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = (att @ v).transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_fc = nn.Linear(DIM, 4 * DIM, bias=False)
        self.gelu = nn.GELU()
        self.c_proj = nn.Linear(4 * DIM, DIM, bias=False)

    def forward(self, x):
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.ln_1, self.attn, self.ln_2, self.mlp = LayerNorm(DIM), CausalSelfAttention(), LayerNorm(DIM), MLP()

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, vocab):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, DIM), nn.Embedding(BLOCK, DIM)
        self.h = nn.ModuleList([Block() for _ in range(LAYERS)])
        self.ln_f = LayerNorm(DIM)
        self.lm_head = nn.Linear(DIM, vocab, bias=False)
        self.wte.weight = self.lm_head.weight  # weight tying
        self.apply(self._init_weights)
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * LAYERS))

    @staticmethod
    def _init_weights(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(self, idx, targets):
        pos = torch.arange(idx.size(1), dtype=torch.long)
        x = self.wte(idx) + self.wpe(pos)
        for block in self.h:
            x = block(x)
        logits = self.lm_head(self.ln_f(x))
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


model = GPT(len(chars))
params = [p for p in model.parameters() if p.requires_grad]
groups = [{"params": [p for p in params if p.dim() >= 2], "weight_decay": 0.1},
          {"params": [p for p in params if p.dim() < 2], "weight_decay": 0.0}]
optimizer = torch.optim.AdamW(groups, lr=LR, betas=(0.9, 0.99))


def get_lr(it):
    if it < WARMUP:
        return LR * (it + 1) / (WARMUP + 1)
    if it > DECAY:
        return MIN_LR
    ratio = (it - WARMUP) / (DECAY - WARMUP)
    return MIN_LR + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (LR - MIN_LR)


def get_batch(split):
    d = train_data if split == "train" else val_data
    ix = torch.randint(len(d) - BLOCK, (BATCH,))
    return torch.stack([d[i:i + BLOCK] for i in ix]), torch.stack([d[i + 1:i + 1 + BLOCK] for i in ix])


def step(it):
    for g in optimizer.param_groups:
        g["lr"] = get_lr(it)
    x, y = get_batch("train")
    loss = model(x, y)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    return loss.item()


@torch.no_grad()
def estimate_loss():
    model.eval()
    out = {}
    for split in ["train", "val"]:
        out[split] = sum(model(*get_batch(split)).item() for _ in range(EVAL_ITERS)) / EVAL_ITERS
    model.train()
    return out


@torch.no_grad()
def held_out():
    """Every held-out token once: consecutive non-overlapping windows of BLOCK tokens."""
    model.eval()
    windows = (len(val_data) - 1) // BLOCK
    total, count = 0.0, 0
    for first in range(0, windows, 64):
        rows = range(first, min(first + 64, windows))
        x = torch.stack([val_data[r * BLOCK:(r + 1) * BLOCK] for r in rows])
        y = torch.stack([val_data[r * BLOCK + 1:(r + 1) * BLOCK + 1] for r in rows])
        total += model(x, y).item() * y.numel()
        count += y.numel()
    model.train()
    return total / count


def read_safetensors(path):
    """name -> tensor of a safetensors file (the layout is an 8-byte header length, a JSON header, then raw arrays)."""
    with open(path, "rb") as f:
        header = json.loads(f.read(struct.unpack("<Q", f.read(8))[0]))
        data = f.read()
    types = {"F32": np.float32, "F64": np.float64, "I32": np.int32}
    return {name: torch.from_numpy(np.frombuffer(data[e["data_offsets"][0]:e["data_offsets"][1]], dtype=types[e["dtype"]]).reshape(e["shape"]).copy())
            for name, e in header.items() if name != "__metadata__"}


def engine_layout(name, tensor):
    """The engine stores Linear weights [in, out], the transpose of PyTorch's [out, in]."""
    return tensor.t() if ".c_" in name else tensor


def difference(ours, theirs):
    """max |a − b| / max |b| (the relative error at the tensor's scale) and the largest elementwise relative error."""
    ours, theirs = ours.double(), theirs.double()
    scale = theirs.abs().max().item()
    elementwise = ((ours - theirs).abs() / theirs.abs().clamp_min(1e-3 * scale)).max().item()
    return (ours - theirs).abs().max().item() / scale, elementwise


def compare(label, ours, theirs):
    rows = {name: difference(engine_layout(name, tensor), theirs[name]) for name, tensor in ours.items()}
    worst = max(rows, key=lambda name: rows[name][0])
    print(f"{label}: worst {worst} max|Δ|/max|ref| {rows[worst][0]:.2e} (elementwise {rows[worst][1]:.2e}); "
          + ", ".join(f"{name} {d[0]:.1e}" for name, d in rows.items()), flush=True)
    return rows[worst][0]


def parity():
    """Replays the engine's dumped run (its initial weights and batches) here and compares step by step."""
    init, trace = read_safetensors(os.path.join(args.dir, "init.safetensors")), read_safetensors(os.path.join(args.dir, "trace.safetensors"))
    named = dict(model.named_parameters())
    with torch.no_grad():
        for name, p in named.items():
            p.copy_(engine_layout(name, init[name]))
    steps = trace["x"].shape[0]
    losses, norms, rates, report = [], [], [], {}
    for it in range(steps):
        for g in optimizer.param_groups:
            g["lr"] = get_lr(it)
        rates.append(get_lr(it))
        loss = model(trace["x"][it].long(), trace["y"][it].long())
        loss.backward()
        if it == 0:
            grads = read_safetensors(os.path.join(args.dir, "grads0.safetensors"))
            report["grad0"] = compare("step-0 gradients (engine vs torch)", grads, {n: p.grad for n, p in named.items()})
        norms.append(torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0).item())
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        losses.append(loss.item())
        snapshot = os.path.join(args.dir, f"after{it + 1}.safetensors")
        if os.path.exists(snapshot):
            theirs = read_safetensors(snapshot)
            ours = {n: p.detach() for n, p in named.items()}
            report[f"params{it + 1}"] = compare(f"weights after {it + 1} steps", {n: theirs[n] for n in named}, ours)
            for key in ("exp_avg", "exp_avg_sq"):
                report[f"{key}{it + 1}"] = compare(f"{key} after {it + 1} steps", {n: theirs[f"optimizer.{key}.{n}"] for n in named},
                                                  {n: optimizer.state[p][key] for n, p in named.items()})
    engine_loss = trace["loss"].tolist()
    print("step  engine loss  torch loss  engine |g|  torch |g|  engine lr  torch lr")
    for it in sorted(set([0, 1, 2, 9, 99] + list(range(0, steps, max(1, steps // 20))) + [steps - 1])):
        if it < steps:
            print(f"{it:5d}  {engine_loss[it]:.6f}  {losses[it]:.6f}  {trace['grad_norm'][it].item():.5f}  {norms[it]:.5f}  "
                  f"{trace['lr'][it].item():.6g}  {rates[it]:.6g}")
    print(json.dumps({"peer": "torch", "mode": "parity", "steps": steps, "loss0_engine": engine_loss[0], "loss0_torch": losses[0],
                      "loss0_relative": abs(engine_loss[0] - losses[0]) / losses[0], "worst": report,
                      "val_loss_all_windows": round(held_out(), 4)}))


def golden():
    """A small model in float64 whose weights follow a formula (in the engine's layout: element j of parameter k is
    0.1·sin(0.7j + 1.3k + 0.5), plus 1 for the layer norms' gains), one fixed batch, three AdamW steps (lr 1e-2, decay 0.1
    on matrices) with clipping at global norm 0.5 on the warm-up cosine schedule (1 warm-up step, cosine to 1e-3 at step 3): prints
    each step's loss and gradient norm and a checksum per final weight, Σⱼ wⱼ·cos(j) in the engine's layout."""
    global LR, MIN_LR, WARMUP, DECAY
    LR, MIN_LR, WARMUP, DECAY = 1e-2, 1e-3, 1, 3
    vocab, batch = 13, 2
    torch.set_default_dtype(torch.float64)
    small = GPT(vocab)
    named = dict(small.named_parameters())
    with torch.no_grad():
        for k, (name, p) in enumerate(named.items()):
            shape = engine_layout(name, p).shape
            j = torch.arange(p.numel(), dtype=torch.float64)
            values = 0.1 * torch.sin(0.7 * j + 1.3 * k + 0.5) + (1.0 if p.dim() == 1 else 0.0)
            p.copy_(engine_layout(name, values.view(shape)))
    b, t = torch.meshgrid(torch.arange(batch), torch.arange(BLOCK), indexing="ij")
    x, y = (7 * b + 3 * t + 1) % vocab, (5 * b + 2 * t + 4) % vocab
    opt = torch.optim.AdamW([{"params": [p for p in named.values() if p.dim() >= 2], "weight_decay": 0.1},
                             {"params": [p for p in named.values() if p.dim() < 2], "weight_decay": 0.0}], lr=LR, betas=(0.9, 0.99))
    losses, norms = [], []
    for it in range(3):
        for g in opt.param_groups:
            g["lr"] = get_lr(it)
        loss = small(x, y)
        loss.backward()
        # clip_grad_norm_ scales by 0.5 / (norm + 1e-6), 1e-7 away from the exact 0.5 / norm that the engine uses
        norm = torch.sqrt(sum((p.grad ** 2).sum() for p in named.values()))
        for p in named.values():
            p.grad.mul_(min(1.0, 0.5 / norm.item()))
        norms.append(norm.item())
        opt.step()
        opt.zero_grad(set_to_none=True)
        losses.append(loss.item())
    with torch.no_grad():
        losses.append(small(x, y).item())
        sums = {name: (engine_layout(name, p).reshape(-1) * torch.cos(torch.arange(p.numel(), dtype=torch.float64))).sum().item() for name, p in named.items()}
    print("Losses = [" + ", ".join(f"{v!r}" for v in losses) + "],")
    print("Norms = [" + ", ".join(f"{v!r}" for v in norms) + "],")
    for name, v in sums.items():
        print(f'["{name}"] = {v!r},')


if args.mode == "golden":
    golden()
elif args.mode == "parity":
    parity()
elif args.mode == "step":
    for i in range(30):
        step(i)
    rounds = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        for i in range(args.steps):
            step(100 + i)
        rounds.append((time.perf_counter() - start) / args.steps * 1000)
    median = statistics.median(rounds)
    print(json.dumps({"peer": "torch", "version": torch.__version__, "threads": args.threads, "median_ms": round(median, 3),
                      "tokens_per_s": round(BATCH * BLOCK / median * 1000), "rounds_ms": [round(r, 2) for r in sorted(rounds)]}))
else:
    start, cpu_start = time.perf_counter(), time.process_time()
    it = 0
    while True:
        if it % EVAL_INTERVAL == 0 or it == args.iters:
            losses = estimate_loss()
            print(f"step {it}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}, {time.perf_counter() - start:.1f} s", flush=True)
        if it == args.iters:
            break
        loss = step(it)
        if it % 100 == 0:
            print(f"iter {it}: loss {loss:.4f}, lr {get_lr(it):.4g}", flush=True)
        it += 1
    seconds = time.perf_counter() - start
    print(json.dumps({"peer": "torch", "version": torch.__version__, "threads": args.threads, "iters": args.iters, "decay_iters": DECAY, "seconds": round(seconds, 1),
                      "cpu_seconds": round(time.process_time() - cpu_start, 1),
                      "train_loss_estimate": round(losses["train"], 4), "val_loss_estimate": round(losses["val"], 4),
                      "val_loss_all_windows": round(held_out(), 4), "parameters": sum(p.numel() for p in model.parameters())}))
