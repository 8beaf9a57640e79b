"""Benchmark: `tmkit extract` against translate-toolkit's ``txt2po`` + ``posegment``.

Generates (deterministically, fixed seed) about 10 MB of Japanese plain text by
shuffling and repeating the paragraphs of the repository's interview
(source/ja/interview.txt) into a temporary directory, then runs, alternately and
each as a separate child process:

* tmkit: ``tmkit extract input.txt -o out.pot`` (built-in Japanese rules);
* baseline: ``txt2po input.txt base.po`` then
  ``posegment --source-language ja -l en base.po seg.po`` (translate-toolkit's
  Japanese sentence splitter), timed as one pipeline.

Peak RSS is the child's own ``ru_maxrss`` from ``os.wait4`` (for the baseline,
the larger of its two steps). Prints medians over the repeats, throughput in
MB/s of input, CPU time (user+sys, which the other load on a shared machine
disturbs less than wall time), and the tmkit/baseline ratios.

It then times the sentence splitters alone on the same lines, in a child
process each (CPU time, median over the repeats): tmkit's ``Segmenter.split``
against translate-toolkit's ``lang.ja.sentences`` (what posegment calls), so the
splitter's share can be told apart from reading and writing PO files.
``--profile`` instead profiles the segmenter alone (in process, with cProfile).

    python benchmarks/bench_extract.py [--mb 10] [--repeats 5] [--seed 2023] [--splitters-only]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "source" / "ja" / "interview.txt"
BIN = Path(sys.executable).parent
TARGET_RATIO = 3.0  # issue 2's acceptance: 3x txt2po+posegment's throughput


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    where = shutil.which(name)
    if where is None:
        sys.exit(f"bench_extract: {name} is not installed")
    return where


def generate(target_bytes: int, seed: int) -> str:
    """Corpus paragraphs, shuffled and repeated until ``target_bytes`` of UTF-8."""
    paragraphs = [p for p in CORPUS.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    rng = random.Random(seed)
    chunks: list[str] = []
    size = 0
    while size < target_bytes:
        order = paragraphs[:]
        rng.shuffle(order)
        for paragraph in order:
            chunks.append(paragraph.strip("\n"))
            size += len(paragraph.encode("utf-8")) + 2
            if size >= target_bytes:
                break
    return "\n\n".join(chunks) + "\n"


def run(argv: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s) and peak RSS (KiB) of one child; fails loudly on error."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode(errors="replace") if child.stderr else ""
    if child.stderr:
        child.stderr.close()
    if child.returncode != 0:
        sys.exit(f"bench_extract: {' '.join(argv)} exited {child.returncode}\n{stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


SPLITTER_CHILD = """
import json, statistics, sys, time
name, path, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
lines = [line for line in open(path, encoding="utf-8").read().splitlines() if line]
if name == "tmkit":
    from tmkit.text.segment import Segmenter, default_rules
    split = Segmenter(default_rules("ja")).split
else:
    from translate.lang import factory
    language = factory.getlanguage("ja")
    def split(line):
        return list(language.sentences(line, strip=False))
pieces, times = 0, []
for _ in range(repeats):
    start = time.process_time()
    pieces = sum(len(split(line)) for line in lines)
    times.append(time.process_time() - start)
print(json.dumps({"cpu": statistics.median(times), "pieces": pieces}))
"""


def time_splitter(name: str, source: Path, repeats: int) -> dict[str, float]:
    argv = [sys.executable, "-c", SPLITTER_CHILD, name, str(source), str(repeats)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench_extract: splitter {name} failed\n{done.stderr}")
    return json.loads(done.stdout)


def count_msgids(path: Path) -> int:
    return sum(
        1 for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("msgid ")
    )


def profile(text: str) -> None:
    import cProfile
    import pstats

    from tmkit.text.segment import Segmenter, default_rules

    segmenter = Segmenter(default_rules("ja"))
    lines = text.splitlines()
    start = time.perf_counter()
    pieces = sum(len(segmenter.split(line)) for line in lines)
    elapsed = time.perf_counter() - start
    mb = len(text.encode("utf-8")) / 1e6
    print(f"segmenter alone: {pieces} pieces, {elapsed:.3f} s, {mb / elapsed:.1f} MB/s")
    profiler = cProfile.Profile()
    profiler.enable()
    for line in lines:
        segmenter.split(line)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(12)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="input size in MB (default 10)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--profile", action="store_true", help="profile the segmenter only")
    parser.add_argument(
        "--splitters-only", action="store_true", help="skip the whole runs; time the splitters"
    )
    args = parser.parse_args()

    text = generate(int(args.mb * 1_000_000), args.seed)
    if args.profile:
        profile(text)
        return
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        work = Path(tmp)
        source = work / "input.txt"
        source.write_text(text, encoding="utf-8")
        mb = source.stat().st_size / 1e6
        print(f"input: {mb:.2f} MB of Japanese text (seed {args.seed}), {args.repeats} repeats")
        print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
        if not args.splitters_only:
            compare_pipelines(work, mb, args.repeats)
            print()
        compare_splitters(source, mb, args.repeats)
        print(f"load average at end: {os.getloadavg()[0]:.2f}")


def compare_pipelines(work: Path, mb: float, repeats: int) -> None:
    tmkit, txt2po, posegment = tool("tmkit"), tool("txt2po"), tool("posegment")
    wall: dict[str, list[float]] = {"tmkit": [], "baseline": []}
    cpu: dict[str, list[float]] = {"tmkit": [], "baseline": []}
    rss: dict[str, int] = {"tmkit": 0, "baseline": 0}
    for _ in range(repeats):
        elapsed, used, peak = run([tmkit, "extract", "input.txt", "-o", "out.pot"], work)
        wall["tmkit"].append(elapsed)
        cpu["tmkit"].append(used)
        rss["tmkit"] = max(rss["tmkit"], peak)
        first, used1, peak1 = run([txt2po, "--progress=none", "input.txt", "base.po"], work)
        segment = [posegment, "--progress=none", "--source-language", "ja", "-l", "en"]
        second, used2, peak2 = run([*segment, "base.po", "seg.po"], work)
        wall["baseline"].append(first + second)
        cpu["baseline"].append(used1 + used2)
        rss["baseline"] = max(rss["baseline"], peak1, peak2)
    segments = {
        "tmkit": count_msgids(work / "out.pot") - 1,  # minus the header
        "baseline": count_msgids(work / "seg.po") - 1,
    }
    labels = {"tmkit": "tmkit extract", "baseline": "translate-toolkit txt2po+posegment"}
    walls = {name: statistics.median(values) for name, values in wall.items()}
    cpus = {name: statistics.median(values) for name, values in cpu.items()}
    print(
        f"{'whole run (child processes)':34} {'wall s':>8} {'MB/s':>6} {'CPU s':>7}"
        f" {'peak RSS MiB':>13} {'segments':>9}"
    )
    for name in ("tmkit", "baseline"):
        print(
            f"{labels[name]:34} {walls[name]:8.3f} {mb / walls[name]:6.2f} {cpus[name]:7.3f}"
            f" {rss[name] / 1024:13.1f} {segments[name]:9d}"
        )
    wall_ratio = walls["baseline"] / walls["tmkit"]
    cpu_ratio = cpus["baseline"] / cpus["tmkit"]
    rss_ratio = rss["tmkit"] / rss["baseline"]
    print(
        f"throughput ratio tmkit/baseline: {wall_ratio:.2f}x wall, {cpu_ratio:.2f}x CPU;"
        f" peak RSS ratio tmkit/baseline: {rss_ratio:.2f}"
    )
    met = min(wall_ratio, cpu_ratio) >= TARGET_RATIO and rss_ratio <= 1
    print(
        f"target (issue 2): at least {TARGET_RATIO:g}x the throughput, no more memory:"
        f" {'met' if met else 'NOT met'}"
    )


def compare_splitters(source: Path, mb: float, repeats: int) -> None:
    splitters = {
        "tmkit": time_splitter("tmkit", source, repeats),
        "baseline": time_splitter("baseline", source, repeats),
    }
    print(f"{'splitter alone (CPU, median)':34} {'s':>8} {'MB/s':>6} {'pieces':>8}")
    labels = {"tmkit": "tmkit Segmenter.split", "baseline": "translate-toolkit ja.sentences"}
    for name in ("tmkit", "baseline"):
        used, pieces = splitters[name]["cpu"], int(splitters[name]["pieces"])
        print(f"{labels[name]:34} {used:8.3f} {mb / used:6.1f} {pieces:8d}")
    ratio = splitters["baseline"]["cpu"] / splitters["tmkit"]["cpu"]
    print(f"splitter throughput ratio tmkit/baseline: {ratio:.2f}x")


if __name__ == "__main__":
    main()
