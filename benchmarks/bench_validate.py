"""Validate a generated 1M-unit TMX: `tmkit.validate` vs a bare lxml iterparse pass.

Each runs in its own interpreter (``--repeats`` times, median time, peak RSS
via ``getrusage``). Targets: ≤ 2× bare iterparse time and ≤ 200 MiB peak RSS.

    python benchmarks/bench_validate.py [--units 1000000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_tmx_read import (
    ALL_ELEMENTS_ITERPARSE,
    BARE_ITERPARSE,
    generate_tmx,
    measure,
    table,
)

TMKIT_VALIDATE = """
from tmkit.validate import validate_tmx
def run(path):
    result = validate_tmx(path, target_lang="en")
    if result.findings:
        raise SystemExit(f"unexpected findings: {result.findings[:3]}")
    return result.units
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_tmx(Path(tmp) / "bench.tmx", args.units)
        size = path.stat().st_size / (1 << 20)
        print(f"{args.units} units, {size:.1f} MiB, median of {args.repeats} runs each")
        rows = [
            ("bare lxml iterparse (tu only)", measure(BARE_ITERPARSE, path, args.repeats)),
            ("lxml iterparse, every element", measure(ALL_ELEMENTS_ITERPARSE, path, args.repeats)),
            ("tmkit validate_tmx", measure(TMKIT_VALIDATE, path, args.repeats)),
        ]
        print(table(rows, "bare lxml iterparse (tu only)"))
        tmkit, base = rows[2][1], rows[0][1]
        ratio = tmkit["cpu"] / base["cpu"]
        ok = ratio <= 2.0 and tmkit["rss_mib"] <= 200
        print(f"target ≤2× and ≤200 MiB: {'met' if ok else 'NOT met'} ({ratio:.2f}×)")


if __name__ == "__main__":
    main()
