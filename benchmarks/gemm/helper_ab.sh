#!/bin/bash
# Paired A/B of two builds of the engine (each a worktree with Release builds of TransformerClock, Grimoire.Cli and
# GemmClock), engine only: per round the two run back to back, the order flipped every round, so load that drifts hits
# both; each line carries the 1-minute load average. Summarise with helper_ab_summary.py.
# Usage: benchmarks/gemm/helper_ab.sh BEFORE_DIR AFTER_DIR [rounds] > ab.log   (how to make BEFORE: gemm-2026-12-03.md, "Night", Commands)
BEFORE=$1; AFTER=$2; ROUNDS=${3:-6}
SHAPES="64 128 256 512 1024 2048 128x784x256 64x3136x32 256x64x256:bt 1024x1024x64"
dir() { [ "$1" = before ] && echo "$BEFORE" || echo "$AFTER"; }
load() { cut -d' ' -f1 /proc/loadavg; }
for r in $(seq 1 "$ROUNDS"); do
  order="before after"; [ $((r % 2)) = 0 ] && order="after before"
  for t in 2 1; do for v in $order; do
    echo "step $r $v T=$t load=$(load) $(dotnet "$(dir $v)"/benchmarks/lm/TransformerClock/bin/Release/net10.0/TransformerClock.dll step --threads $t --rounds 3 --steps 10 | tail -1)"
  done; done
  for t in 2 1; do for v in $order; do
    l=$(load)
    dotnet "$(dir $v)"/src/Grimoire.Cli/bin/Release/net10.0/grimoire.dll bench train-step --threads $t --json | sed "s/^/train $r $v T=$t load=$l /"
  done; done
  for isa in avx2 avx512; do for v in $order; do
    e=""; [ $isa = avx2 ] && e="DOTNET_EnableAVX512=0"
    echo "## round $r isa $isa tree $v load average: $(load)"
    env $e OPENBLAS_THREAD_TIMEOUT=4 dotnet "$(dir $v)"/benchmarks/gemm/GemmClock/bin/Release/net10.0/GemmClock.dll 2 5 $isa,native-openblas $SHAPES
  done; done
done
