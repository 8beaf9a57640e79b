"""Read a generated 100k-unit TMX: tmkit vs a bare lxml iterparse pass vs translate-toolkit.

Each reader runs in its own interpreter (``--repeats`` times, interleaved;
median CPU time, largest peak RSS via ``getrusage``). Targets: tmkit ≤ 1.5×
the bare iterparse pass's CPU time and ≤ 50 MiB peak RSS.

The baseline the target names, "a bare lxml iterparse pass", is taken
literally: ``for event, el in etree.iterparse(path): n += 1``, nothing else.
That is also the reading under which the issue's own arithmetic holds (1.5×
the bare pass ≈ translate-toolkit's ``tmxfile`` time / 2.5). Its memory grows
with the file, because it keeps the tree. Two stricter passes are printed
beside it, with their own ratio columns, so nobody has to take the choice on
trust: a *streaming* pass that hands every element to Python and clears each
finished ``<tu>`` and the siblings before it (what a flat-memory reader must
at least do), and a ``tag="tu"`` pass where lxml hands over only the ``<tu>``
ends (cheaper still, but it has not looked at the tuv, seg and prop elements).

    python benchmarks/bench_tmx_read.py [--units 100000] [--repeats 5]
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
t, c = time.perf_counter(), time.process_time()
count = run(path)
elapsed, cpu = time.perf_counter() - t, time.process_time() - c
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": elapsed, "cpu": cpu, "rss_mib": rss / 1024, "count": count}))
"""


def _once(setup: str, path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", setup + CHILD, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_all(
    setups: list[tuple[str, str]], path: Path, repeats: int
) -> list[tuple[str, dict[str, float]]]:
    """Run each ``setup`` (which defines ``run(path) -> int``) ``repeats`` times.

    Every run is a fresh interpreter, and the runs are interleaved (A B C, A B
    C, ...) so that a neighbour's load hits every reader alike. Returns per
    setup the median wall and CPU times and the largest peak RSS. Ratios use
    CPU time: on a shared machine wall time mostly measures the neighbours.
    """
    runs: dict[str, list[dict[str, float]]] = {name: [] for name, _ in setups}
    for _ in range(repeats):
        for name, setup in setups:
            runs[name].append(_once(setup, path))
    return [
        (
            name,
            {
                "seconds": statistics.median(r["seconds"] for r in rs),
                "cpu": statistics.median(r["cpu"] for r in rs),
                "rss_mib": max(r["rss_mib"] for r in rs),
                "count": rs[0]["count"],
            },
        )
        for name, rs in runs.items()
    ]


#: The baseline of the target: a bare iterparse loop, nothing done per element.
BARE_ITERPARSE = """
from lxml import etree
def run(path):
    n = 0
    for _ in etree.iterparse(path, resolve_entities=False):
        n += 1
    return n
"""

#: Stricter: the least any flat-memory streaming reader must do. lxml hands
#: over every element (a reader has to look at each tuv, seg and prop), and
#: each finished <tu> is cleared and dropped with the siblings before it.
STREAMING_ITERPARSE = """
from lxml import etree
def run(path):
    n = 0
    for _, el in etree.iterparse(path, events=("end",), resolve_entities=False):
        if el.tag == "tu":
            n += 1
            el.clear(keep_tail=True)
            while el.getprevious() is not None:
                del el.getparent()[0]
    return n
"""

#: Shown for transparency: lxml reports only the <tu> ends and never hands
#: the children to Python, so this pass reads no content at all.
TU_ONLY_ITERPARSE = """
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

BASELINE = "bare lxml iterparse"
STREAMING = "streaming iterparse (clears)"
TU_ONLY = "lxml iterparse, <tu> events only"


def table(rows: list[tuple[str, dict[str, float]]], baseline: str = BASELINE) -> str:
    base = dict(rows)[baseline]
    streaming = dict(rows).get(STREAMING)
    tu_only = dict(rows).get(TU_ONLY)
    head = f"{'':34} {'cpu s':>7} {'× bare':>7}"
    if streaming:
        head += f" {'× stream':>9}"
    if tu_only:
        head += f" {'× tu-only':>9}"
    head += f" {'wall s':>7} {'peak RSS MiB':>13} {'units':>9}"
    lines = [head]
    for name, r in rows:
        line = f"{name:34} {r['cpu']:7.3f} {r['cpu'] / base['cpu']:7.2f}"
        if streaming:
            line += f" {r['cpu'] / streaming['cpu']:9.2f}"
        if tu_only:
            line += f" {r['cpu'] / tu_only['cpu']:9.2f}"
        line += f" {r['seconds']:7.3f} {r['rss_mib']:13.1f} {r['count']:9d}"
        lines.append(line)
    return "\n".join(lines)


def verdict(found: dict[str, dict[str, float]], name: str, limit: float, rss_mib: float) -> str:
    """The target line: ``name`` against the bare pass, and the stricter ratio beside it."""
    row = found[name]
    ratio = row["cpu"] / found[BASELINE]["cpu"]
    ok = ratio <= limit and row["rss_mib"] <= rss_mib
    strict = row["cpu"] / found[STREAMING]["cpu"]
    return (
        f"target ≤{limit:g}× and ≤{rss_mib:g} MiB: {'met' if ok else 'NOT met'} "
        f"({ratio:.2f}× the bare pass; {strict:.2f}× the stricter streaming pass)"
    )


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
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-translate-toolkit", action="store_true", help="skip the slow one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_tmx(Path(tmp) / "bench.tmx", args.units)
        size = path.stat().st_size / (1 << 20)
        print(f"{args.units} units, {size:.1f} MiB, median of {args.repeats} runs each")
        setups = [
            (BASELINE, BARE_ITERPARSE),
            (STREAMING, STREAMING_ITERPARSE),
            (TU_ONLY, TU_ONLY_ITERPARSE),
            ("tmkit iter_tmx", TMKIT),
        ]
        if not args.no_translate_toolkit:
            setups.append(("translate-toolkit tmxfile", TRANSLATE_TOOLKIT))
        rows = measure_all(setups, path, args.repeats)
        print(table(rows))
        found = dict(rows)
        tmkit = found["tmkit iter_tmx"]
        print(verdict(found, "tmkit iter_tmx", 1.5, 50))
        if "translate-toolkit tmxfile" in found:
            ttk = found["translate-toolkit tmxfile"]
            print(
                f"vs translate-toolkit: {ttk['cpu'] / tmkit['cpu']:.1f}× faster, "
                f"{ttk['rss_mib'] / tmkit['rss_mib']:.1f}× less peak RSS"
            )


if __name__ == "__main__":
    main()
