#!/usr/bin/env python3
"""BPE training time on tiny-shakespeare: `grimoire tokenize train bpe` against sentencepiece's
`spm_train --model_type=bpe` (Debian package `sentencepiece`) at the same vocabulary sizes, the two alternated round
after round so machine load falls on both alike. Times are wall seconds of each whole process (start-up, reading the
file, training, writing the model); grimoire's own in-process training seconds (its --json "seconds") are shown too.
spm_train runs with its defaults (character_coverage 0.9995, num_threads 16) and again with --num_threads=1.
Prints medians as a Markdown table.

usage: train_vs_spm.py GRIMOIRE [ROUNDS] [VOCAB...]   e.g. train_vs_spm.py ./grimoire 7 1000 4000 8000"""
import json, os, statistics, subprocess, sys, tempfile, time

grimoire = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
vocabs = [int(v) for v in sys.argv[3:]] or [1000, 4000, 8000]
data = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "Grimoire.Text", "Corpora", "Data", "shakespeare.txt")


def timed(cmd):
    start = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


results = {}
with tempfile.TemporaryDirectory() as out:
    for _ in range(rounds):
        for vocab in vocabs:
            wall, stdout = timed([grimoire, "tokenize", "train", "bpe", "--data", data, "--vocab", str(vocab),
                                  "--out", os.path.join(out, "tok.json"), "--json"])
            results.setdefault(("grimoire", vocab), []).append((wall, json.loads(stdout)["seconds"]))
            for name, extra in (("spm_train", []), ("spm_train --num_threads=1", ["--num_threads=1"])):
                wall, _ = timed(["spm_train", f"--input={data}", f"--model_prefix={os.path.join(out, 'spm')}",
                                 f"--vocab_size={vocab}", "--model_type=bpe", "--minloglevel=2", *extra])
                results.setdefault((name, vocab), []).append((wall, None))

print("| vocabulary | program | wall s (median) | in-process training s | wall ÷ grimoire wall | runs |")
print("|---:|---|---:|---:|---:|---:|")
for vocab in vocabs:
    ours = statistics.median(w for w, _ in results[("grimoire", vocab)])
    for name in ("grimoire", "spm_train", "spm_train --num_threads=1"):
        runs = results[(name, vocab)]
        wall = statistics.median(w for w, _ in runs)
        inner = statistics.median(s for _, s in runs) if runs[0][1] is not None else None
        print(f"| {vocab} | {name} | {wall:.3f} | {'' if inner is None else f'{inner:.3f}'} | {wall / ours:.2f} | {len(runs)} |")
