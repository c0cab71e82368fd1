#!/usr/bin/env bash
# The runs behind docs/benchmarks/lm-recurrent-*.md. Each line of OUT is one JSON object tagged with side, run and load.
#   FULL="lstm gru" (default): full trainings on tiny-shakespeare with the catalogue defaults, Grimoire then PyTorch
#     (benchmarks/lm/lstm_torch.py: same model, stream windows, AdamW, cosine schedule, clipping, validation);
#   ROUNDS (default 3) alternating rounds of STEPS-step runs (default 100) at 1 and 2 threads, LSTM and GRU, both sides:
#     tokens/s of the training steps (validation excluded on both sides);
#   then the names bigram and MLP with their defaults.
# Usage: [FULL=...] [ROUNDS=n] [STEPS=n] benchmarks/lm/recurrent_rounds.sh OUT
set -u
out=$1
grimoire=${GRIMOIRE:-src/Grimoire.Cli/bin/Release/net10.0/grimoire}
torch="/usr/bin/python3 benchmarks/lm/lstm_torch.py"
tag() { sed "s/^{/{\"side\":\"$1\",\"run\":\"$2\",\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",/" >> "$out"; }
for model in ${FULL-lstm gru}; do
  $grimoire lm train $model --data shakespeare --threads 1 --json 2>/dev/null | tag grimoire full-$model
  $torch --model $model --threads 1 2>/dev/null | tag torch full-$model
done
for r in $(seq 1 "${ROUNDS:-3}"); do
  for threads in 1 2; do
    for model in lstm gru; do
      $grimoire lm train $model --data shakespeare --steps "${STEPS:-100}" --threads $threads --json 2>/dev/null | tag grimoire "step-$model-t$threads-r$r"
      $torch --model $model --steps "${STEPS:-100}" --threads $threads --no-val 2>/dev/null | tag torch "step-$model-t$threads-r$r"
    done
  done
done
$grimoire lm train bigram --data names --threads 1 --json 2>/dev/null | tag grimoire names-bigram
$grimoire lm train mlp --data names --threads 1 --json 2>/dev/null | tag grimoire names-mlp
