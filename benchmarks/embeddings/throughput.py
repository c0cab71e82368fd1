#!/usr/bin/env python3
"""Words/s per thread of every embedding method on tiny-shakespeare at dimension 100, window 5, 5 negatives, at 1 and
2 threads (GloVe at window 5 too, 25 epochs; the others 5): runs `grimoire embed train ... --json` for each (method, threads) in turn, the configurations alternated
round after round so machine load falls on all alike, and prints the medians as a Markdown table.

usage: throughput.py GRIMOIRE [ROUNDS] [extra --set pairs for word2vec and fasttext...]   e.g. throughput.py ./grimoire 3 sample=0"""
import json, statistics, subprocess, sys, tempfile, os

grimoire = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
extra = [a for pair in sys.argv[3:] for a in ("--set", pair)]
configs = [("word2vec", ["--set", "arch=skipgram"]), ("word2vec", ["--set", "arch=cbow", "--set", "lr=0.05"]),
           ("glove", []), ("fasttext", [])]
results = {}
with tempfile.TemporaryDirectory() as out:
    for r in range(rounds):
        for method, args in configs:
            for threads in (1, 2):
                cmd = [grimoire, "embed", "train", method, "--data", "shakespeare", "--dim", "100", "--window", "5",
                       "--threads", str(threads), "--out", os.path.join(out, "e.bin"), "--json", *args, *(extra if method != "glove" else [])]
                report = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
                results.setdefault((report["method"], threads), []).append(report)
print("| method | threads | words/s | words/s/thread | words/CPU-s | seconds | CPU-s | runs |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for (method, threads), reports in results.items():
    med = lambda k: statistics.median(x[k] for x in reports)
    print(f"| {method} | {threads} | {med('words_per_second'):,.0f} | {med('words_per_second_per_thread'):,.0f} | "
          f"{med('words_per_cpu_second'):,.0f} | {med('seconds'):.2f} | {med('cpu_seconds'):.2f} | {len(reports)} |")
