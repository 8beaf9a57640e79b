"""`tmkit merge` on big memories: today's code against the code before streaming.

Two cases, each run as its own process (``--repeats`` times, median CPU and wall
time, largest peak RSS from ``os.wait4``):

* ``TMX → PO``, N distinct units (100k; ``--full`` adds 1M): the messages are
  written as they are read, so memory no longer holds the catalog;
* ``TMX → PO`` and ``TMX → TMX`` of a TMX of N identical units (100k; ``--full``:
  1M, the issue's case, 101 s and 1.2 GB), one entry out: memory follows the
  distinct units, not the file.

The baseline is the same command run by an older tmkit: the source tree of
``--before-ref`` (default ``14e29ea``, the last commit before streaming merge),
exported with ``git archive`` into a temporary folder and put first on
PYTHONPATH, with the same interpreter and libraries. Both outputs must be
byte-identical, which the script checks.

    python benchmarks/bench_merge.py [--units 100000] [--repeats 3] [--full] [--before-ref REF]
"""

from __future__ import annotations

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_tmx_read import generate_tmx  # a sibling script, not a package

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BEFORE = "14e29ea"

IDENTICAL_TU = (
    '    <tu tuid="u1">\n      <prop type="x-context">s1</prop>\n'
    '      <tuv xml:lang="ja">\n        <seg>猫が窓の外を静かに見ている。</seg>\n      </tuv>\n'
    '      <tuv xml:lang="en" changedate="20261129T000000Z">\n'
    "        <seg>The cat is quietly watching outside.</seg>\n      </tuv>\n    </tu>\n"
)


def generate_identical(path: Path, units: int) -> Path:
    """A TMX of ``units`` copies of one unit."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        fh.write('  <header creationtool="bench" creationtoolversion="1" segtype="sentence" ')
        fh.write('o-tmf="bench" adminlang="en" srclang="ja" datatype="plaintext"/>\n  <body>\n')
        for _ in range(units):
            fh.write(IDENTICAL_TU)
        fh.write("  </body>\n</tmx>\n")
    return path


def export_before(ref: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", ref, "src"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into / "src"


def run_once(args: list[str], src: Path | None, out: Path) -> dict[str, float]:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764374400")
    if src is not None:
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, "-m", "tmkit", "merge", *args, "-o", str(out)]
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"bench_merge: {' '.join(command)} failed:\n{stderr}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def compare(label: str, args: list[str], suffix: str, before: Path, work: Path, repeats: int):
    runs: dict[str, list[dict[str, float]]] = {"before": [], "now": []}
    outs = {"before": work / f"before{suffix}", "now": work / f"now{suffix}"}
    for _ in range(repeats):  # interleaved, so the neighbours' load falls on both
        runs["before"].append(run_once(args, before, outs["before"]))
        runs["now"].append(run_once(args, None, outs["now"]))
    # compared in chunks: a parent process grown by reading the outputs would be counted
    # in its next children's peak RSS (they start as its copy until they exec)
    same = filecmp.cmp(outs["before"], outs["now"], shallow=False)
    figures = {
        name: {
            "cpu": statistics.median(r["cpu"] for r in rs),
            "wall": statistics.median(r["wall"] for r in rs),
            "rss": max(r["rss"] for r in rs),
        }
        for name, rs in runs.items()
    }
    b, n = figures["before"], figures["now"]
    print(
        f"{label:34} {b['cpu']:8.2f} {n['cpu']:8.2f} {b['cpu'] / n['cpu']:6.2f}x"
        f" {b['wall']:8.2f} {n['wall']:8.2f} {b['rss']:9.0f} {n['rss']:9.0f}"
        f" {n['rss'] / b['rss']:6.2f}  {'identical' if same else 'DIFFERENT'}"
    )
    if not same:
        raise SystemExit(f"bench_merge: {label}: the outputs differ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also 1M units (one run each)")
    parser.add_argument("--before-ref", default=DEFAULT_BEFORE)
    parser.add_argument("--cases", default="distinct,identical", help="which cases (default both)")
    args = parser.parse_args()
    sizes = [(args.units, args.repeats)] + ([(1_000_000, 1)] if args.full else [])
    print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    print(f"before: tmkit at {args.before_ref}; now: this tree. CPU and wall in s, RSS in MiB")
    print(
        f"{'case':34} {'CPU bef':>8} {'CPU now':>8} {'speed':>7} {'wall bef':>8} {'wall now':>8}"
        f" {'RSS bef':>9} {'RSS now':>9} {'RSS':>6}  output"
    )
    with tempfile.TemporaryDirectory(prefix="bench-merge-") as tmp:
        work = Path(tmp)
        before = export_before(args.before_ref, work)
        cases = args.cases.split(",")
        for units, repeats in sizes:
            if "distinct" in cases:
                distinct = generate_tmx(work / "distinct.tmx", units)
                label = f"TMX→PO, {units:,} distinct"
                compare(label, [str(distinct)], ".po", before, work, repeats)
                distinct.unlink()
            if "identical" in cases:
                same = generate_identical(work / "identical.tmx", units)
                label = f"TMX→PO, {units:,} identical"
                compare(label, [str(same)], ".po", before, work, repeats)
                label = f"TMX→TMX, {units:,} identical"
                compare(label, [str(same)], ".tmx", before, work, repeats)
                same.unlink()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
