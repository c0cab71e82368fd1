#!/bin/sh
# RLHF end to end (docs/benchmarks/rlhf-*.md): pretrain a small char LSTM, fit reward models at 0/10/20 % label noise,
# PPO against the noise-free one and DPO on the same kind of pairs at three seeds, then the plot and the summary. Usage: benchmarks/rlhf/run.sh OUTDIR
set -e
OUT=${1:-/tmp/rlhf-bench}
mkdir -p "$OUT"
G="dotnet src/Grimoire.Cli/bin/Release/net10.0/grimoire.dll"
$G lm train lstm --data shakespeare --layers 1 --dim 64 --context 32 --batch 16 --steps 300 --lr 0.01 --out "$OUT/lm.ckpt" --json > "$OUT/lm.json"
for noise in 0 0.1 0.2; do
  $G rlhf reward --data generated --policy "$OUT/lm.ckpt" --noise $noise --out "$OUT/rm-$noise.ckpt" --json > "$OUT/reward-$noise.json"
done
for seed in 0 1 2; do
  $G rlhf ppo --policy "$OUT/lm.ckpt" --reward "$OUT/rm-0.ckpt" --seed $seed --out "$OUT/policy-$seed.ckpt" --log "$OUT/ppo-log-$seed.json" --json > "$OUT/ppo-$seed.json"
done
for seed in 0 1 2; do
  $G rlhf dpo --data generated --policy "$OUT/lm.ckpt" --reward "$OUT/rm-0.ckpt" --seed $seed --log "$OUT/dpo-log-$seed.json" --json > "$OUT/dpo-$seed.json"
done
/usr/bin/python3 benchmarks/rlhf/plot.py "$OUT"
