"""Read a generated 100k-unit TMX: tmkit vs a bare lxml iterparse pass vs translate-toolkit.

Each reader runs in its own interpreter (``--repeats`` times, median time,
peak RSS via ``getrusage``). Targets: tmkit ≤ 1.5× bare iterparse time and
≤ 50 MiB peak RSS.

    python benchmarks/bench_tmx_read.py [--units 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

JA = ["猫が", "窓の外を", "静かに", "見ている。", "量子科学", "研究開発の", "理事長に", "聞いた。"]
EN = ["The cat", "is quietly", "watching", "outside.", "We asked", "the president", "of QST."]


def generate_tmx(path: Path, units: int) -> Path:
    """A TMX 1.4b file of ``units`` ja→en units, the same bytes every time."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        fh.write('<tmx version="1.4">\n  <header creationtool="bench" creationtoolversion="1" ')
        fh.write('segtype="sentence" o-tmf="bench" adminlang="en" srclang="ja" ')
        fh.write('datatype="plaintext"/>\n')
        fh.write("  <body>\n")
        for n in range(units):
            ja = "".join(JA[(n + k) % len(JA)] for k in range(3)) + str(n)
            en = " ".join(EN[(n + k) % len(EN)] for k in range(3)) + f" {n}"
            inline = '<ph x="1">&lt;br/&gt;</ph>' if n % 10 == 0 else ""
            fh.write(
                f'    <tu tuid="u{n}">\n      <prop type="x-context">s{n}</prop>\n'
                f'      <tuv xml:lang="ja">\n        <seg>{ja}{inline}</seg>\n      </tuv>\n'
                f'      <tuv xml:lang="en" changedate="20261129T000000Z">\n'
                f"        <seg>{en}{inline}</seg>\n      </tuv>\n    </tu>\n"
            )
        fh.write("  </body>\n</tmx>\n")
    return path


CHILD = r"""
import json, resource, sys, time
path = sys.argv[1]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t, c = time.perf_counter(), time.process_time()
count = run(path)
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rss_mib": rss / 1024, "count": count}))
"""


def measure(setup: str, path: Path, repeats: int) -> dict[str, float]:
    """Run ``setup`` (which defines ``run(path) -> int``) in fresh interpreters.

    Returns the median wall and CPU times and the largest peak RSS over
    ``repeats`` runs. Ratios use CPU time: on a shared machine wall time
    mostly measures the neighbours.
    """
    runs = []
    for _ in range(repeats):
        out = subprocess.run(
            [sys.executable, "-c", setup + CHILD, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(r["seconds"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mib": max(r["rss_mib"] for r in runs),
        "count": runs[0]["count"],
    }


BARE_ITERPARSE = """
from lxml import etree
def run(path):
    n = 0
    for _, el in etree.iterparse(path, events=("end",), tag="tu", resolve_entities=False):
        n += 1
        el.clear(keep_tail=True)
        while el.getprevious() is not None:
            del el.getparent()[0]
    return n
"""


def table(rows: list[tuple[str, dict[str, float]]], baseline: str) -> str:
    base = dict(rows)[baseline]
    head = f"{'':30} {'cpu s':>7} {'× base':>7} {'wall s':>7} {'peak RSS MiB':>13} {'units':>9}"
    lines = [head]
    for name, r in rows:
        ratio = r["cpu"] / base["cpu"]
        lines.append(
            f"{name:30} {r['cpu']:7.3f} {ratio:7.2f} {r['seconds']:7.3f}"
            f" {r['rss_mib']:13.1f} {r['count']:9d}"
        )
    return "\n".join(lines)


ALL_ELEMENTS_ITERPARSE = """
from lxml import etree
def run(path):
    n = 0
    for _, el in etree.iterparse(path, resolve_entities=False):
        if el.tag == "tu":
            n += 1
        el.clear()
    return n
"""


TMKIT = """
from tmkit.formats.tmx import iter_tmx
def run(path):
    header, units = iter_tmx(path)
    n = 0
    for unit in units:
        n += 1
    return n
"""

TRANSLATE_TOOLKIT = """
from translate.storage.tmx import tmxfile
def run(path):
    with open(path, "rb") as fh:
        store = tmxfile(fh, sourcelanguage="ja", targetlanguage="en")
    n = 0
    for unit in store.units:
        unit.source, unit.target
        n += 1
    return n
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_tmx(Path(tmp) / "bench.tmx", args.units)
        size = path.stat().st_size / (1 << 20)
        print(f"{args.units} units, {size:.1f} MiB, median of {args.repeats} runs each")
        rows = [
            ("bare lxml iterparse (tu only)", measure(BARE_ITERPARSE, path, args.repeats)),
            ("lxml iterparse, every element", measure(ALL_ELEMENTS_ITERPARSE, path, args.repeats)),
            ("tmkit iter_tmx", measure(TMKIT, path, args.repeats)),
            ("translate-toolkit tmxfile", measure(TRANSLATE_TOOLKIT, path, args.repeats)),
        ]
        print(table(rows, "bare lxml iterparse (tu only)"))
        tmkit, base = rows[2][1], rows[0][1]
        ratio = tmkit["cpu"] / base["cpu"]
        ok = ratio <= 1.5 and tmkit["rss_mib"] <= 50
        print(f"target ≤1.5× and ≤50 MiB: {'met' if ok else 'NOT met'} ({ratio:.2f}×)")


if __name__ == "__main__":
    main()
