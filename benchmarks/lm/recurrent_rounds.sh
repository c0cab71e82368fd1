#!/usr/bin/env bash
# The runs behind docs/benchmarks/lm-recurrent-*.md: full LSTM and GRU trainings on tiny-shakespeare (Grimoire then
# PyTorch, same model and schedule), training-step throughput at 1 and 2 threads in alternating rounds, and the names
# bigram/MLP. Each line of $OUT is one JSON object tagged with side and round. Usage: benchmarks/lm/recurrent_rounds.sh OUT [ROUNDS]
set -u
out=$1; rounds=${2:-3}
grimoire=${GRIMOIRE:-src/Grimoire.Cli/bin/Release/net10.0/grimoire}
torch="/usr/bin/python3 benchmarks/lm/lstm_torch.py"
tag() { sed "s/^{/{\"side\":\"$1\",\"run\":\"$2\",\"load\":\"$(cut -d' ' -f1 /proc/loadavg)\",/" >> "$out"; }
for model in lstm gru; do
  $grimoire lm train $model --data shakespeare --threads 1 --json 2>/dev/null | tag grimoire full-$model
  $torch --model $model --threads 1 2>/dev/null | tag torch full-$model
done
for r in $(seq 1 "$rounds"); do
  for threads in 1 2; do
    $grimoire lm train lstm --data shakespeare --steps 100 --threads $threads --json 2>/dev/null | tag grimoire "step-lstm-t$threads-r$r"
    $torch --model lstm --steps 100 --threads $threads --no-val 2>/dev/null | tag torch "step-lstm-t$threads-r$r"
    $grimoire lm train gru --data shakespeare --steps 100 --threads $threads --json 2>/dev/null | tag grimoire "step-gru-t$threads-r$r"
    $torch --model gru --steps 100 --threads $threads --no-val 2>/dev/null | tag torch "step-gru-t$threads-r$r"
  done
done
$grimoire lm train bigram --data names --threads 1 --json 2>/dev/null | tag grimoire names-bigram
$grimoire lm train mlp --data names --threads 1 --json 2>/dev/null | tag grimoire names-mlp
