"""Benchmark: `tmkit build` on generated projects (issue 16), with today's code as baseline.

Generates (``benchmarks/gen_project.py``, fixed seed) a project of 10k segments in
4 documents with a 100-term glossary (and one of 100k behind ``--full``), then
runs each of these as a child process and prints CPU time (user+sys), wall time
and the child's peak RSS (``os.wait4``), medians over ``--repeats``:

* full build (no ``.tmkit/state.json``), no-change build, one of the 4 documents
  changed, ``build --check`` (nothing changed);
* ``check`` of the translation with a 5,000-term glossary, by this tmkit and by
  the last release before this work (``--baseline-rev``, default 947aa82, taken
  with ``git archive`` into a temporary folder and run from ``PYTHONPATH``), with
  the ratio and whether the findings are identical;
* the size of the report page, and how long headless Chromium takes to open it,
  at its last segment and with a filter (when Chromium is installed).

Targets (issue 16, at 100k segments / 100 terms): full build ≤ 40 s CPU, peak RSS
≤ 600 MiB, no-change ≤ 5 % of full, one file changed ≤ 35 %; check ≥ 5× the
baseline; report ≤ 30 MB, each Chromium view ≤ 3 s.

    python benchmarks/bench_build.py [--segments 10000] [--full] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
EPOCH = "1767225600"


def child(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> dict[str, float]:
    """Run one child; its wall and CPU time (s), peak RSS (MiB) and exit code."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=null, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall": time.perf_counter() - start,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss / 1024,
        "rc": proc.returncode,
    }


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def line(name: str, m: dict[str, float], extra: str = "") -> None:
    print(
        f"  {name:<26} cpu {m['cpu']:7.2f} s  wall {m['wall']:7.2f} s  "
        f"peak RSS {m['rss']:7.0f} MiB  exit {m['rc']:.0f}{extra}"
    )


def edit(doc: Path, serial: int) -> None:
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text + f"\n変更された段落{serial}です。量子の研究を進める。\n", encoding="utf-8")


def measure_build(root: Path, repeats: int) -> dict[str, dict[str, float]]:
    tmkit = [str(BIN / "tmkit"), "build", "--config", str(root / "tmkit.toml")]
    found: dict[str, list[dict[str, float]]] = {}
    for r in range(repeats):
        shutil.rmtree(root / ".tmkit", ignore_errors=True)
        found.setdefault("full build", []).append(child(tmkit, root))
        found.setdefault("no-change build", []).append(child(tmkit, root))
        found.setdefault("build --check", []).append(child([*tmkit, "--check"], root))
        edit(root / "source" / "ja" / "doc2.txt", r)
        found.setdefault("one of 4 files changed", []).append(child(tmkit, root))
        # the next build runs `update` once more: its memory is the project's own TMX,
        # which the changed build rewrote (printed, not a target)
        found.setdefault("next build after a change", []).append(child(tmkit, root))
    return {name: median(runs) for name, runs in found.items()}


def chromium() -> str | None:
    for name in ("/usr/bin/chromium", "chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def measure_page(page: Path, work: Path) -> None:
    """Open the report in headless Chromium three ways: as it opens, at its last
    segment and with a filter from a link; the page notes when its script is done
    (``data-ms``, from navigation start). Console messages must be none."""
    browser = chromium()
    if browser is None:
        print("  report in Chromium: skipped (Chromium is not installed)")
        return
    text = page.read_text(encoding="utf-8")
    total = int(re.search(r"\(([\d,]+) segments\)", text).group(1).replace(",", ""))
    rule = "number.mismatch"
    views = {
        "load": "",
        "last segment": f"#seg-{total}",
        "filter": f"#filter:rule={rule}&severity=error&only=1",
    }
    found = []
    for name, fragment in views.items():
        profile = Path(tempfile.mkdtemp(dir=work))
        argv = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--enable-logging=stderr",
            "--v=0", "--dump-dom", page.as_uri() + fragment,
        ]  # fmt: skip
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False)
        ms = re.search(r'data-ms="(\d+)" data-ready="1"', done.stdout)
        console = [
            line for line in done.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line
        ]
        shown = re.search(r"(\d+) of (\d+) segments shown", done.stdout)
        found.append(
            f"{name} {int(ms.group(1)) if ms else -1} ms"
            + (f" ({shown.group(1)} shown)" if shown and name == "filter" else "")
            + (f", {len(console)} console message(s)" if console else "")
        )
    print(f"  report in Chromium (script done, target ≤ 3000 ms each): {'; '.join(found)}")


def baseline_tree(rev: str, where: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where / "src"


def measure_check(root: Path, baseline_src: Path, repeats: int) -> None:
    argv = [sys.executable, "-m", "tmkit", "check", "target/en/gen.po", "-g", "glossary/big.csv"]
    ours_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    base_env = {**ours_env, "PYTHONPATH": str(baseline_src)}
    runs: dict[str, list[dict[str, float]]] = {"tmkit": [], "baseline": []}
    for _ in range(repeats):
        runs["baseline"].append(child(argv, root, base_env))
        runs["tmkit"].append(child(argv, root, ours_env))
    outputs = [
        subprocess.run(argv, cwd=root, env=env, capture_output=True).stdout
        for env in (ours_env, base_env)
    ]
    ours, base = median(runs["tmkit"]), median(runs["baseline"])
    line("check (baseline)", base)
    line("check (tmkit)", ours, f"  → {base['cpu'] / ours['cpu']:.1f}× CPU (target ≥ 5×)")
    print(f"  findings identical: {outputs[0] == outputs[1]} ({len(outputs[0])} bytes)")


def big_glossary(root: Path, terms: int) -> None:
    """A 5,000-term glossary over the same sentences (the concepts of a larger generator)."""
    from gen_project import _Maker

    maker = _Maker(terms, 16)
    with (root / "glossary" / "big.csv").open("w", encoding="utf-8") as fh:
        fh.write("concept_id,language,term,status\n")
        for number, (ja, en, bad) in enumerate(maker.concepts, start=1):
            fh.write(f"c{number},ja,{ja},preferred\nc{number},en,{en},preferred\n")
            if bad:
                fh.write(f"c{number},en,{bad},deprecated\n")


def run(segments: int, repeats: int, baseline_src: Path | None, work: Path) -> None:
    root = work / f"project-{segments}"
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    start = time.perf_counter()
    # generated in a child: this process stays small, and a child's peak RSS counts
    # from the fork (a large parent would show in every figure)
    generator = Path(__file__).resolve().parent / "gen_project.py"
    subprocess.run(
        [sys.executable, str(generator), str(root), "--segments", str(segments)], check=True
    )
    big_glossary(root, 5000)
    print(
        f"\n{segments:,} segments, 4 documents, 100 terms (generated in "
        f"{time.perf_counter() - start:.0f} s), medians of {repeats}:"
    )
    found = measure_build(root, repeats)
    full = found["full build"]
    for name, m in found.items():
        share = f"  ({100 * m['cpu'] / full['cpu']:.1f}% of full)" if name != "full build" else ""
        line(name, m, share)
    if baseline_src is not None:
        measure_check(root, baseline_src, repeats)
    size = (root / "target" / "en" / "report.html").stat().st_size
    print(f"  report page: {size / 1e6:.1f} MB (target ≤ 30 MB at 100k)")
    measure_page(root / "target" / "en" / "report.html", work)
    if segments >= 100_000:
        nc = found["no-change build"]["cpu"] / full["cpu"]
        one = found["one of 4 files changed"]["cpu"] / full["cpu"]
        print(
            f"  targets: full ≤ 40 s: {full['cpu'] <= 40}; RSS ≤ 600 MiB: "
            f"{full['rss'] <= 600}; no-change ≤ 5%: {nc <= 0.05}; "
            f"one changed ≤ 35%: {one <= 0.35}; report ≤ 30 MB: {size <= 30e6}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segments", type=int, default=10_000, help="0: none (with --full)")
    parser.add_argument("--full", action="store_true", help="also 100k segments (one run)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-rev", default="947aa82")
    parser.add_argument(
        "--no-check", action="store_true", help="leave out `check` against the baseline"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        baseline_src = None if args.no_check else baseline_tree(args.baseline_rev, work)
        if args.segments:
            run(args.segments, args.repeats, baseline_src, work)
        if args.full:
            run(100_000, 1, baseline_src, work)


if __name__ == "__main__":
    main()
