"""Benchmark: `tmkit check` on 100k pairs with a 5,000-term glossary (issue 16).

Generates (``benchmarks/gen_project.py``, fixed seed) a translated project of
``--segments`` pairs and a 5,000-term glossary over the same sentences, then runs
``tmkit check target/en/gen.po -g glossary/big.csv`` as a child process, by this
tmkit and by other revisions (taken with ``git archive`` into a temporary folder
and run from ``PYTHONPATH`` with this interpreter and its packages):

* ``--baseline-rev`` (default 947aa82, the last release): the figure the issue's
  target is measured against ("at least 5× faster than today");
* ``--compare-rev`` (optional, e.g. the main this work started from): the output
  must be byte-identical to it, which the benchmark prints.

Prints CPU time (user+sys) and wall time of each, medians over ``--repeats``, the
ratios, the findings count and the load average (the machine is shared: CPU time
is the figure to read).

    python benchmarks/bench_check.py [--segments 100000] [--repeats 3]
                                     [--baseline-rev 947aa82] [--compare-rev REV]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_build import EPOCH, baseline_tree, big_glossary, child, median

_FINDING = re.compile(rb"^  (?:error|warning|info) ", re.MULTILINE)
ARGV = ["check", "target/en/gen.po", "-g", "glossary/big.csv"]


def _show(name: str, m: dict[str, float], extra: str = "") -> None:
    print(f"  {name:<28} cpu {m['cpu']:7.2f} s  wall {m['wall']:7.2f} s  exit {m['rc']:.0f}{extra}")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(segments: int, repeats: int, revs: dict[str, Path | None], work: Path) -> None:
    root = work / f"project-{segments}"
    start = time.perf_counter()
    generator = Path(__file__).resolve().parent / "gen_project.py"
    subprocess.run(
        [sys.executable, str(generator), str(root), "--segments", str(segments)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    big_glossary(root, 5000)
    print(
        f"{segments:,} pairs, 5,000-term glossary (generated in "
        f"{time.perf_counter() - start:.0f} s); medians of {repeats}; load average {_load()}"
    )
    envs = {}
    for name, src in revs.items():
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        if src is not None:
            env["PYTHONPATH"] = str(src)
        envs[name] = env
    argv = [sys.executable, "-m", "tmkit", *ARGV]
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in envs}
    for _ in range(repeats):  # interleaved, so a change of load hits every side alike
        for name, env in envs.items():
            runs[name].append(child(argv, root, env))
    outputs = {
        name: subprocess.run(argv, cwd=root, env=env, capture_output=True).stdout
        for name, env in envs.items()
    }
    ours = median(runs["tmkit"])
    for name, found in runs.items():
        m = median(found)
        extra = ""
        if name != "tmkit":
            cpu, wall = m["cpu"] / ours["cpu"], m["wall"] / ours["wall"]
            extra = f"  → tmkit is {cpu:.2f}× CPU, {wall:.2f}× wall"
        findings = len(_FINDING.findall(outputs[name]))
        _show(f"{name}", m, extra)
        print(f"  {'':<28} output {len(outputs[name]):,} bytes, {findings:,} findings")
    for name in revs:
        if name.startswith("compare"):
            same = outputs[name] == outputs["tmkit"]
            print(f"  output identical to {name}: {same}")
    print(f"  target: ≥ 5× the baseline's CPU; load average now {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-rev", default="947aa82")
    parser.add_argument("--compare-rev", default=None, help="output must equal this revision's")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        revs: dict[str, Path | None] = {"tmkit": None}
        for label, rev in (("baseline", args.baseline_rev), ("compare", args.compare_rev)):
            if rev:
                where = work / label
                where.mkdir()
                revs[f"{label} {rev}"] = baseline_tree(rev, where)
        run(args.segments, args.repeats, revs, work)


if __name__ == "__main__":
    main()
