"""Benchmark: `tmkit extract` of Japanese HTML against plain text and translate-toolkit's html2po.

Generates (deterministically, fixed seed) about 10 MB of Japanese HTML by
shuffling and repeating the blocks of the repository's web page
(source/ja/interview.html: paragraphs with footnote links, headings, figures),
and a plain-text file of the same size from source/ja/interview.txt. Then runs,
alternately and each as a separate child process:

* tmkit HTML: ``tmkit extract input.html -o html.pot``;
* tmkit text: ``tmkit extract input.txt -o text.pot`` (the reference throughput:
  the acceptance is HTML at no less than a third of it);
* baseline: translate-toolkit's ``html2po input.html base.po`` on the same HTML.

Prints medians over the repeats of wall time and CPU time (user+sys), the
throughput in MB/s of input, and the ratios.

    python benchmarks/bench_html.py [--mb 10] [--repeats 3] [--seed 2023]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "source" / "ja" / "interview.html"
TEXT = ROOT / "source" / "ja" / "interview.txt"
BIN = Path(sys.executable).parent
TARGET = 1 / 3  # issue 13: HTML at no less than a third of plain-text throughput


def tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    where = shutil.which(name)
    if where is None:
        sys.exit(f"bench_html: {name} is not installed")
    return where


def _repeat(blocks: list[str], target_bytes: int, seed: int, sep: str) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    size = 0
    while size < target_bytes:
        order = blocks[:]
        rng.shuffle(order)
        for block in order:
            out.append(block)
            size += len(block.encode("utf-8")) + len(sep)
            if size >= target_bytes:
                break
    return out


def generate_html(target_bytes: int, seed: int) -> str:
    page = PAGE.read_text(encoding="utf-8")
    head, body = page.split("<body>", 1)
    body = body.split("</body>", 1)[0]
    blocks = [m.group(0) for m in re.finditer(r"<(p|h2|h3|figure)\b[^>]*>.*?</\1>", body, re.S)]
    notes = re.findall(r"<li\b.*?</li>", body, re.S)
    blocks += [f'<ol class="notes">{li}</ol>' for li in notes]
    chosen = _repeat(blocks, target_bytes, seed, "\n  ")
    return head + "<body>\n  " + "\n  ".join(chosen) + "\n</body>\n</html>\n"


def generate_text(target_bytes: int, seed: int) -> str:
    paragraphs = [
        p.strip("\n") for p in TEXT.read_text(encoding="utf-8").split("\n\n") if p.strip()
    ]
    return "\n\n".join(_repeat(paragraphs, target_bytes, seed, "\n\n")) + "\n"


def run(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU time (s) of one child; fails loudly on error."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench_html: {' '.join(argv)} failed: {child.stderr.read().decode()[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    size = int(args.mb * 1_000_000)
    tmkit, html2po = tool("tmkit"), tool("html2po")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "input.html").write_text(generate_html(size, args.seed), encoding="utf-8")
        (work / "input.txt").write_text(generate_text(size, args.seed), encoding="utf-8")
        mb = {k: (work / f"input.{k}").stat().st_size / 1e6 for k in ("html", "txt")}
        commands = {
            "tmkit html": [tmkit, "extract", "input.html", "-o", "html.pot"],
            "tmkit text": [tmkit, "extract", "input.txt", "-o", "text.pot"],
            "html2po": [html2po, "--progress=none", "input.html", "base.po"],
        }
        sizes = {"tmkit html": mb["html"], "tmkit text": mb["txt"], "html2po": mb["html"]}
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.repeats):
            for name, argv in commands.items():
                times[name].append(run(argv, work))
        made = (work / "base.po").read_text(encoding="utf-8").count("\nmsgid ")
        if made < 100:  # html2po reports bad markup as a warning and still exits 0
            sys.exit(f"bench_html: html2po extracted only {made} entries")
        print(
            f"input: {mb['html']:.1f} MB HTML, {mb['txt']:.1f} MB text; medians of {args.repeats}"
        )
        rate: dict[str, float] = {}
        for name, runs in times.items():
            wall = statistics.median(t[0] for t in runs)
            cpu = statistics.median(t[1] for t in runs)
            rate[name] = sizes[name] / cpu
            print(
                f"  {name:<11} wall {wall:7.2f} s  cpu {cpu:7.2f} s  "
                f"{sizes[name] / wall:6.2f} MB/s wall  {rate[name]:6.2f} MB/s cpu"
            )
        versus_text = rate["tmkit html"] / rate["tmkit text"]
        versus_html2po = rate["tmkit html"] / rate["html2po"]
        print(
            f"tmkit HTML / tmkit text throughput (cpu): {versus_text:.2f} (target >= {TARGET:.2f})"
        )
        print(f"tmkit HTML / html2po throughput (cpu): {versus_html2po:.2f}")
        print("verdict:", "PASS" if versus_text >= TARGET else "FAIL")


if __name__ == "__main__":
    main()
