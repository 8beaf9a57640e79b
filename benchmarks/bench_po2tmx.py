"""PO → TMX for a generated 100k-entry PO: `tmkit merge` vs translate-toolkit's `po2tmx`.

Each tool runs as its own process (``--repeats`` times): median wall and CPU
time, peak RSS of that process (``os.wait4``). Target: tmkit ≥ 2.5× faster
(CPU; on a shared machine wall time mostly measures the neighbours) at ≤ ¼ of
po2tmx's peak memory. Both outputs are checked to hold the same number of units.

    python benchmarks/bench_po2tmx.py [--entries 100000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
JA = [
    "量子科学",
    "技術の",
    "研究開発を",
    "推進し、",
    "世界最高水準の",
    "施設を",
    "活用する。",
    "人材を",
]
EN = ["We promote", "research", "in quantum", "science and", "use world-class", "facilities."]


def generate_po(path: Path, entries: int) -> Path:
    """A PO file like tmkit's: context ids, references, extracted comments; same bytes each time."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(
            'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n'
            '"PO-Revision-Date: 2026-11-29 00:00+0000\\n"\n"Language: en\\n"\n'
            '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Content-Transfer-Encoding: 8bit\\n"\n"X-Source-Language: ja\\n"\n\n'
        )
        for n in range(entries):
            ja = "".join(JA[(n + k) % len(JA)] for k in range(5)) + str(n)
            en = " ".join(EN[(n + k) % len(EN)] for k in range(5)) + f" {n}"
            fh.write(
                f"#. role: body\n#: source/ja/doc.txt:{n + 1}\n"
                f'msgctxt "s{n:010x}"\nmsgid "{ja}"\nmsgstr "{en}"\n\n'
            )
    return path


def run_once(command: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    proc.stderr.close() if proc.stderr else None
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command[0]} failed: {stderr}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024}


def measure(command: list[str], repeats: int) -> dict[str, float]:
    runs = [run_once(command) for _ in range(repeats)]
    return {
        "wall": statistics.median(r["wall"] for r in runs),
        "cpu": statistics.median(r["cpu"] for r in runs),
        "rss_mib": max(r["rss_mib"] for r in runs),
    }


def count_units(path: Path) -> int:
    with open(path, encoding="utf-8") as fh:
        return sum(line.lstrip().startswith("<tu ") or line.strip() == "<tu>" for line in fh)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    os.environ["SOURCE_DATE_EPOCH"] = "1764374400"
    with tempfile.TemporaryDirectory() as tmp:
        po = generate_po(Path(tmp) / "in.po", args.entries)
        ours, theirs = Path(tmp) / "tmkit.tmx", Path(tmp) / "po2tmx.tmx"
        size = po.stat().st_size / (1 << 20)
        print(f"{args.entries} entries, {size:.1f} MiB PO, median of {args.repeats} runs each")
        tmkit = measure([str(BIN / "tmkit"), "merge", str(po), "-o", str(ours)], args.repeats)
        po2tmx_command = [str(BIN / "po2tmx"), "--progress=none", "-l", "en"]
        po2tmx_command += ["--source-language", "ja", str(po), str(theirs)]
        po2tmx = measure(po2tmx_command, args.repeats)
        units = (count_units(ours), count_units(theirs))
        if units[0] != units[1]:
            raise SystemExit(f"unit counts differ: tmkit {units[0]}, po2tmx {units[1]}")
        print(f"{'':22} {'cpu s':>7} {'wall s':>7} {'peak RSS MiB':>13}")
        for name, r in (("tmkit merge", tmkit), ("translate-toolkit po2tmx", po2tmx)):
            print(f"{name:22} {r['cpu']:7.2f} {r['wall']:7.2f} {r['rss_mib']:13.1f}")
        speed = po2tmx["cpu"] / tmkit["cpu"]
        memory = tmkit["rss_mib"] / po2tmx["rss_mib"]
        ok = speed >= 2.5 and memory <= 0.25
        print(
            f"tmkit: {speed:.2f}× faster (CPU; wall {po2tmx['wall'] / tmkit['wall']:.2f}×), "
            f"{memory:.2f}× the memory; {units[0]} units each"
        )
        print(f"target ≥2.5× faster at ≤¼ the memory: {'met' if ok else 'NOT met'}")


if __name__ == "__main__":
    main()
