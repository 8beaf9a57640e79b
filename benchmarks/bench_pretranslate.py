"""Fuzzy pretranslation: 1,000 segments against a 100k-unit memory.

tmkit's `FuzzyIndex` (bigram count filter + rapidfuzz rescoring) vs brute
force: ``rapidfuzz.process.extractOne`` over every unit for each query, with
the same scorer (``fuzz.ratio`` on NFKC text) and cutoff. Each runs in its own
process (``--repeats`` times; median wall and CPU time, peak RSS by
``os.wait4``); tmkit's time includes building the index. The two must return
identical best matches (unit and score) for every query. Target: ≥ 20× faster.

The memory is synthetic but shaped like the real thing: sentences of
``source/ja/interview.txt`` spliced and edited at random (fixed seed); 70 % of
the queries are edits of memory units, 30 % new splices.

    python benchmarks/bench_pretranslate.py [--units 100000] [--queries 1000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "ja" / "interview.txt"
THRESHOLD = 75.0


def generate(units: int, queries: int, seed: int = 1) -> tuple[list[str], list[str]]:
    text = CORPUS.read_text(encoding="utf-8")
    sentences = [s.strip() + "。" for s in re.split(r"[。\n]", text) if len(s.strip()) > 8]
    alphabet = sorted(set(text) - set("\n \u3000"))
    rng = random.Random(seed)

    def edit(s: str, k: int) -> str:
        chars = list(s)
        for _ in range(k):
            pos = rng.randrange(len(chars) + 1)
            roll = rng.random()
            if roll < 0.4 and pos < len(chars):
                del chars[pos]
            elif roll < 0.7 and pos < len(chars):
                chars[pos] = rng.choice(alphabet)
            else:
                chars.insert(pos, rng.choice(alphabet))
        return "".join(chars)

    def splice() -> str:
        a, b = rng.choice(sentences), rng.choice(sentences)
        s = a[: rng.randrange(len(a))] + b[rng.randrange(len(b)) :]
        return edit(s if len(s) >= 6 else a, rng.randrange(0, 12))

    memory = [splice() for _ in range(units)]
    asked = [
        edit(rng.choice(memory), rng.randrange(0, 10)) if rng.random() < 0.7 else splice()
        for _ in range(queries)
    ]
    return memory, asked


TMKIT = """
from tmkit.text.fuzzy import FuzzyIndex
def run(units, queries):
    index = FuzzyIndex(units)
    out = []
    for q in queries:
        best = index.best(q, THRESHOLD)
        out.append(None if best is None else [best.index, best.score])
    return out
"""

BRUTE_FORCE = """
from rapidfuzz import fuzz, process
from tmkit.text.fuzzy import normalize
def run(units, queries):
    choices = [normalize(u) for u in units]
    out = []
    for q in queries:
        found = process.extractOne(
            normalize(q), choices, scorer=fuzz.ratio, processor=None, score_cutoff=THRESHOLD
        )
        out.append(None if found is None else [found[2], found[1]])
    return out
"""

CHILD = """
import json, sys
THRESHOLD = float(sys.argv[3])
with open(sys.argv[1], encoding="utf-8") as fh:
    data = json.load(fh)
result = run(data["units"], data["queries"])
with open(sys.argv[2], "w", encoding="utf-8") as fh:
    json.dump(result, fh)
"""


def run_once(code: str, data: Path, out: Path) -> dict[str, float]:
    start = time.perf_counter()
    command = [sys.executable, "-c", code + CHILD, str(data), str(out), str(THRESHOLD)]
    proc = subprocess.Popen(command)
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("a benchmark child failed")
    return {
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss_mib": usage.ru_maxrss / 1024,
    }


def measure(code: str, data: Path, out: Path, repeats: int) -> dict[str, float]:
    runs = [run_once(code, data, out) for _ in range(repeats)]
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mib": max(r["rss_mib"] for r in runs),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    units, queries = generate(args.units, args.queries)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data.json"
        data.write_text(json.dumps({"units": units, "queries": queries}), encoding="utf-8")
        ours, theirs = Path(tmp) / "tmkit.json", Path(tmp) / "brute.json"
        print(
            f"{len(queries)} queries against {len(units)} units (mean length "
            f"{statistics.mean(map(len, units)):.0f} chars), threshold {THRESHOLD:g}, "
            f"median of {args.repeats} runs each"
        )
        tmkit = measure(TMKIT, data, ours, args.repeats)
        brute = measure(BRUTE_FORCE, data, theirs, args.repeats)
        got = json.loads(ours.read_text(encoding="utf-8"))
        expected = json.loads(theirs.read_text(encoding="utf-8"))
    differ = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
    found = sum(r is not None for r in expected)
    print(f"{'':34} {'cpu s':>7} {'wall s':>7} {'peak RSS MiB':>13}")
    for name, r in (("tmkit FuzzyIndex (incl. build)", tmkit), ("brute-force extractOne", brute)):
        print(f"{name:34} {r['cpu']:7.2f} {r['wall']:7.2f} {r['rss_mib']:13.1f}")
    speed = brute["cpu"] / tmkit["cpu"]
    print(
        f"best matches: {found} found, {len(differ)} differ"
        + (f" (first at query {differ[0]})" if differ else " (identical)")
    )
    print(f"tmkit: {speed:.1f}× faster (CPU; wall {brute['wall'] / tmkit['wall']:.1f}×)")
    print(f"target identical and ≥20× faster: {'met' if not differ and speed >= 20 else 'NOT met'}")
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
