"""PyTorch peer of `grimoire lm train <lstm|gru|rnn>`: the same character model and training, so wall time and loss compare.

Model: Embedding(V, D) -> nn.LSTM/GRU/RNN(D, D, L) -> Linear(D, V), PyTorch's default initialisations.
Training (as LanguageModelTrainer): the first 90 % of the text cut into `batch` contiguous rows, windows of `context`
steps in order, hidden state carried detached between windows and reset when the stream starts over; AdamW(lr, betas
0.9/0.99, weight decay 0.01), cosine from lr to lr/10 over the steps, gradient global-norm clip 1.0. Validation: the
last 10 % read as one stream with the same rows and windows, state carried, mean cross-entropy in nats per character.

Usage: /usr/bin/python3 benchmarks/lm/lstm_torch.py [--model lstm] [--data src/Grimoire.Text/Corpora/Data/shakespeare.txt]
       [--steps 2000] [--batch 32] [--context 64] [--layers 2] [--dim 128] [--lr 2e-3] [--threads 1] [--seed 0] [--no-val]
Prints one JSON object with the fields of `grimoire lm train --json`.
"""
import argparse, json, math, time

import torch

p = argparse.ArgumentParser()
p.add_argument("--model", default="lstm", choices=["lstm", "gru", "rnn"])
p.add_argument("--data", default="src/Grimoire.Text/Corpora/Data/shakespeare.txt")
p.add_argument("--steps", type=int, default=2000)
p.add_argument("--batch", type=int, default=32)
p.add_argument("--context", type=int, default=64)
p.add_argument("--layers", type=int, default=2)
p.add_argument("--dim", type=int, default=128)
p.add_argument("--lr", type=float, default=2e-3)
p.add_argument("--threads", type=int, default=1)
p.add_argument("--seed", type=int, default=0)
p.add_argument("--no-val", action="store_true", help="skip validation (step-time runs)")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)

text = open(a.data, encoding="utf-8").read()
chars = sorted(set(text))
index = {c: i for i, c in enumerate(chars)}
cut = round(len(text) * 0.9)
train = torch.tensor([index[c] for c in text[:cut]], dtype=torch.long)
val = torch.tensor([index[c] for c in text[cut:]], dtype=torch.long)
V = len(chars)


class CharModel(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(V, a.dim)
        layer = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[a.model]
        self.rnn = layer(a.dim, a.dim, a.layers)
        self.head = torch.nn.Linear(a.dim, V)

    def forward(self, ids, state):  # ids [T, B]
        out, state = self.rnn(self.embedding(ids), state)
        return self.head(out), state


def windows(ids, batch, steps):
    row = (len(ids) - 1) // batch
    x = ids[: row * batch].view(batch, row).t()          # [row, batch]: column b is row b of the stream
    y = ids[1: row * batch + 1].view(batch, row).t()
    for s in range(0, row, steps):
        yield x[s: s + steps], y[s: s + steps]


def detach(state):
    return tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


start = time.perf_counter()  # as LanguageModelTrainer: from the built model to the validation loss
model = CharModel()
params = sum(q.numel() for q in model.parameters())
opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.99), weight_decay=0.01)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=a.steps, eta_min=a.lr / 10)
losses, tokens, step = [], 0, 0
train_start = time.perf_counter()
while step < a.steps:
    state = None
    for x, y in windows(train, a.batch, a.context):
        logits, state = model(x, state)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, V), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        state = detach(state)
        losses.append(loss.item())
        tokens += y.numel()
        step += 1
        if step % max(1, a.steps // 20) == 0:
            print(f"step {step}/{a.steps} loss {sum(losses[-max(1, a.steps // 20):]) / max(1, min(len(losses), a.steps // 20)):.4f}", flush=True, file=__import__("sys").stderr)
        if step == a.steps:
            break
train_seconds = time.perf_counter() - train_start

val_loss = float("nan")
if not a.no_val:
    with torch.no_grad():
        total, count, state = 0.0, 0, None
        for x, y in windows(val, min(a.batch, len(val) - 1), a.context):
            logits, state = model(x, state)
            total += torch.nn.functional.cross_entropy(logits.reshape(-1, V), y.reshape(-1), reduction="sum").item()
            count += y.numel()
        val_loss = total / count
tail = max(1, a.steps // 10)
print(json.dumps({"model": a.model, "params": params, "steps": a.steps, "train_loss": round(sum(losses[-tail:]) / tail, 6),
                  "val_loss": None if math.isnan(val_loss) else round(val_loss, 6), "seconds": round(time.perf_counter() - start, 3),
                  "tokens_per_second": round(tokens / train_seconds, 1), "threads": a.threads}))
