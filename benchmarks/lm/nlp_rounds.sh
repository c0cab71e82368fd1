#!/usr/bin/env bash
# The runs behind docs/benchmarks/nlp-*.md: pretrain a 1x128 character LSTM on the tasks' unlabelled generated text, then
# fine-tune each §34 task from it and from scratch at two labelled-set sizes and seeds 0-2 (examples and new weights).
# One JSON object per line (tagged with the seed) in OUT_DIR/results.jsonl. Usage: benchmarks/lm/nlp_rounds.sh OUT_DIR [SEEDS]
set -u
dir=$1; mkdir -p "$dir"
grimoire=${GRIMOIRE:-src/Grimoire.Cli/bin/Release/net10.0/grimoire}
[ -f "$dir/pretrained.ckpt" ] || { $grimoire nlp corpus --out "$dir/corpus.txt" --chars 400000 --seed 0
$grimoire lm train lstm --data "$dir/corpus.txt" --layers 1 --dim 128 --steps 600 --threads 1 --out "$dir/pretrained.ckpt" --json > "$dir/pretrain.json" 2> "$dir/pretrain.log"; }
for seed in ${2:-0 1 2}; do
  for train in 100 400; do
    for task in sentiment ner qa; do
      $grimoire nlp train $task --pretrained "$dir/pretrained.ckpt" --train $train --test 500 --epochs 10 --seed $seed --threads 1 --json 2>/dev/null | sed "s/^{/{\"seed\":$seed,/" >> "$dir/results.jsonl"
      $grimoire nlp train $task --train $train --test 500 --epochs 10 --seed $seed --threads 1 --json 2>/dev/null | sed "s/^{/{\"seed\":$seed,/" >> "$dir/results.jsonl"
    done
  done
done
