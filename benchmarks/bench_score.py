"""Benchmark: `tmkit score` against sacrebleu's own API on generated segment pairs.

Generates N hypothesis/reference pairs (deterministic: pseudo-words from a fixed
syllable set, Zipf-weighted, with the hypothesis an edited copy of the
reference), then runs, alternately and each in a fresh subprocess:

* baseline: sacrebleu's ``BLEU().corpus_score`` (files read the way sacrebleu's
  command line reads them),
* tmkit: ``tmkit.ops.score.score_files`` (chunked statistics across cores).

Each measurement goes through a small supervisor process, so that
``RUSAGE_CHILDREN`` covers exactly one run (the scorer and its pool workers);
the supervisor also samples the whole process tree's RSS with psutil, which
counts every worker at once. Prints medians over the repeats and the ratios,
and fails if the scores differ.

    python benchmarks/bench_score.py [--pairs 100000] [--repeats 3] [--metrics bleu]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from itertools import accumulate
from pathlib import Path

SYLLABLES = (
    "ka", "ri", "to", "mu", "sen", "la", "po", "ve", "dor", "ni",
    "qua", "zen", "bi", "ta", "lo", "re", "mi", "fa", "so", "do",
)  # fmt: skip


def generate(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    vocab: set[str] = set()
    while len(vocab) < 5000:
        vocab.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4))))
    words = sorted(vocab)
    cumulative = list(accumulate(1 / (i + 1) for i in range(len(words))))
    hyps, refs = [], []
    for _ in range(n):
        ref = rng.choices(words, cum_weights=cumulative, k=rng.randint(8, 35))
        if rng.random() < 0.5:
            ref[0] = ref[0].capitalize()
        hyp = [
            w if rng.random() > 0.25 else rng.choices(words, cum_weights=cumulative)[0] for w in ref
        ]
        if rng.random() < 0.3 and len(hyp) > 3:
            i = rng.randrange(len(hyp) - 1)
            hyp[i], hyp[i + 1] = hyp[i + 1], hyp[i]
        if rng.random() < 0.2:
            del hyp[rng.randrange(len(hyp))]
        end = rng.choice(".?,.")
        refs.append(" ".join(ref) + end)
        hyps.append(" ".join(hyp) + end)
    return hyps, refs


# --- the two scorers (run inside the measured subprocess) ---------------------------


def run_sacrebleu(hyp: str, ref: str, metrics: list[str]) -> dict[str, float]:
    from sacrebleu.metrics import BLEU, CHRF, TER

    build = {
        "bleu": BLEU,
        "chrf": CHRF,
        "chrfpp": lambda: CHRF(word_order=2),
        "ter": TER,
    }
    with open(hyp, encoding="utf-8", newline="\n") as fh:
        hyps = [line.rstrip() for line in fh]
    with open(ref, encoding="utf-8", newline="\n") as fh:
        refs = [line.rstrip() for line in fh]
    return {name: build[name]().corpus_score(hyps, [refs]).score for name in metrics}


def run_tmkit(hyp: str, ref: str, metrics: list[str]) -> dict[str, float]:
    from tmkit.ops.score import score_files

    report = score_files(hyp, [ref], metrics=metrics)
    return {name: m.score for name, m in report.metrics.items()}


# --- measurement ------------------------------------------------------------------


def supervise(which: str, hyp: str, ref: str, metrics: list[str]) -> dict[str, object]:
    """Run one scorer in a child; report its wall time, peak RSS and result."""
    import psutil

    cmd = [sys.executable, __file__, "--run", which, hyp, ref, "--metrics", ",".join(metrics)]
    tree_peak = 0
    done = threading.Event()

    def sample(pid: int) -> None:
        nonlocal tree_peak
        while not done.is_set():
            try:
                root = psutil.Process(pid)
                procs = [root, *root.children(recursive=True)]
                total = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
                tree_peak = max(tree_peak, total)
            except psutil.Error:
                pass
            time.sleep(0.02)

    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
    sampler = threading.Thread(target=sample, args=(child.pid,), daemon=True)
    sampler.start()
    out, _ = child.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if child.returncode != 0:
        raise SystemExit(f"{which} run failed with exit code {child.returncode}")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "maxrss_mib": usage.ru_maxrss / 1024,
        "tree_mib": tree_peak / 2**20,
        "scores": json.loads(out),
    }


def measure(which: str, hyp: str, ref: str, metrics: list[str]) -> dict[str, object]:
    cmd = [sys.executable, __file__, "--supervise", which, hyp, ref, "--metrics", ",".join(metrics)]
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--metrics", default="bleu")
    parser.add_argument("--run", nargs=3, metavar=("WHICH", "HYP", "REF"))
    parser.add_argument("--supervise", nargs=3, metavar=("WHICH", "HYP", "REF"))
    args = parser.parse_args()
    metrics = [m.strip() for m in args.metrics.split(",") if m.strip()]

    if args.run:
        which, hyp, ref = args.run
        scorer = run_tmkit if which == "tmkit" else run_sacrebleu
        print(json.dumps(scorer(hyp, ref, metrics)))
        return
    if args.supervise:
        which, hyp, ref = args.supervise
        print(json.dumps(supervise(which, hyp, ref, metrics)))
        return

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        hyps, refs = generate(args.pairs)
        hyp, ref = Path(tmp, "hyp.txt"), Path(tmp, "ref.txt")
        hyp.write_text("\n".join(hyps) + "\n", encoding="utf-8")
        ref.write_text("\n".join(refs) + "\n", encoding="utf-8")
        del hyps, refs
        runs: dict[str, list[dict[str, object]]] = {"sacrebleu": [], "tmkit": []}
        for _ in range(args.repeats):
            for which in ("sacrebleu", "tmkit"):  # alternate, so load drifts hit both
                runs[which].append(measure(which, str(hyp), str(ref), metrics))

    base, ours = runs["sacrebleu"], runs["tmkit"]
    for a, b in zip(base, ours, strict=True):
        if a["scores"] != b["scores"]:
            raise SystemExit(f"scores differ: sacrebleu {a['scores']} tmkit {b['scores']}")

    def median(rows: list[dict[str, object]], field: str) -> float:
        return statistics.median(float(r[field]) for r in rows)  # type: ignore[arg-type]

    print(
        f"tmkit score vs sacrebleu corpus_score: {args.pairs} pairs, metrics {','.join(metrics)},"
    )
    load_after = os.getloadavg()
    print(f"median of {args.repeats} runs, each in a fresh subprocess; scores identical:")
    print(f"  {json.dumps(ours[0]['scores'])}")
    header = f"  {'':34}{'sacrebleu':>12}{'tmkit':>12}{'ratio':>9}"
    print(header)
    for field, label, unit in (
        ("seconds", "wall time", "s"),
        ("cpu_seconds", "CPU time, all processes", "s"),
        ("maxrss_mib", "peak RSS, largest process", "MiB"),
        ("tree_mib", "peak RSS, whole tree", "MiB"),
    ):
        b, t = median(base, field), median(ours, field)
        print(f"  {label + ' (' + unit + ')':34}{b:12.1f}{t:12.1f}{t / b:9.2f}")
    # Wall time depends on how many of the cores the scorers actually got.
    print(
        f"  cores: {os.cpu_count()}; 1-minute load average {load_before[0]:.1f} before,"
        f" {load_after[0]:.1f} after"
    )


if __name__ == "__main__":
    main()
