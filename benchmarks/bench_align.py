"""Benchmark: tmkit align against a plain Gale–Church aligner, 1k to 20k sentences per side.

The documents are the NOOI gold pair (tests/data/align, 71 Japanese and 72
English sentences) repeated until the wanted size, each copy with its years
shifted (1988 → 1989 … on both sides) so copies are not identical. Gold links
shift with the copies, so the run also reports F1 at every size.

Each (size, aligner) runs in its own subprocess: wall time of the alignment
(median over --repeats), time per sentence, and that process's peak RSS. The
Gale–Church baseline is tmkit's own DP with length costs and Gale and Church's
priors only, over all sentences at once (no paragraph pass, no anchors), banded
the same way: the cost of tmkit's extra passes and anchors shows as the ratio.

    python benchmarks/bench_align.py [--sizes 1000 5000 20000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "align"
_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d\d(?![\d,.])")


def make_pair(sentences: int) -> tuple[str, str, set[tuple[int, int]]]:
    """Japanese and English texts of about ``sentences`` sentences per side, with gold links."""
    gold = json.loads((DATA / "nooi.gold.json").read_text(encoding="utf-8"))
    ja_text = (DATA / gold["ja"]).read_text(encoding="utf-8")
    en_text = (DATA / gold["en"]).read_text(encoding="utf-8")
    n_ja, n_en = len(gold["ja_sentences"]), len(gold["en_sentences"])
    copies = max(1, round(sentences / n_ja))

    def shift(text: str, k: int) -> str:
        # Years move by k in every copy (both sides write them in digits), so copies
        # differ while each copy's anchors stay consistent.
        return _YEAR.sub(lambda m: str(1900 + (int(m.group()) - 1900 + k) % 125), text)

    ja_parts, en_parts, links = [], [], set()
    for k in range(copies):
        ja_parts.append(shift(ja_text, k))
        en_parts.append(shift(en_text, k))
        for a, b in gold["beads"]:
            links |= {(i + k * n_ja, j + k * n_en) for i in a for j in b}
    return "\n".join(ja_parts), "\n".join(en_parts), links


def child(size: int, method: str, repeats: int) -> None:
    from tmkit.align import align_sides, gale_church
    from tmkit.align.evaluate import score_links
    from tmkit.align.sentences import side_from_text

    ja_text, en_text, links = make_pair(size)
    t0 = time.perf_counter()
    ja = side_from_text(ja_text, "ja.txt", "ja")
    en = side_from_text(en_text, "en.txt", "en")
    segment = time.perf_counter() - t0
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = align_sides(ja, en) if method == "tmkit" else gale_church(ja, en)
        times.append(time.perf_counter() - t0)
    score = score_links(result.links(), links)
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ja": len(ja.sentences),
                "en": len(en.sentences),
                "segment_s": segment,
                "align_s": statistics.median(times),
                "f1": score.f1,
                "rss_mib": rss_kib / 1024,
            }
        )
    )


def run(size: int, method: str, repeats: int) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", str(size), method, "--repeats", str(repeats)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=2, metavar=("SIZE", "METHOD"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(int(args.child[0]), args.child[1], args.repeats)
        return
    print(
        f"{'sentences':>9} {'aligner':>11} {'segment s':>9} {'align s':>8} "
        f"{'µs/sent':>8} {'F1':>6} {'peak MiB':>8}"
    )
    per_sentence = {}
    for size in args.sizes:
        row = {}
        for method in ("tmkit", "gale-church"):
            r = run(size, method, args.repeats)
            row[method] = r
            us = r["align_s"] / r["ja"] * 1e6
            per_sentence.setdefault(method, []).append(us)
            print(
                f"{r['ja']:>9} {method:>11} {r['segment_s']:>9.2f} {r['align_s']:>8.2f} "
                f"{us:>8.0f} {r['f1']:>6.3f} {r['rss_mib']:>8.0f}"
            )
        ratio = row["tmkit"]["align_s"] / row["gale-church"]["align_s"]
        print(f"{'':>9} tmkit / Gale–Church align time: {ratio:.2f}x")
    for method, values in per_sentence.items():
        growth = values[-1] / values[0] if values[0] else float("nan")
        print(
            f"{method}: time per sentence from {args.sizes[0]} to {args.sizes[-1]}: "
            f"x{growth:.2f} (1.00 = linear)"
        )


if __name__ == "__main__":
    main()
