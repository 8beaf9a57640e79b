"""Validate a generated 1M-unit TMX: `tmkit.ops.validate` vs a bare lxml iterparse pass.

Each runs in its own interpreter (``--repeats`` times, interleaved; median CPU
time, largest peak RSS via ``getrusage``). Targets: ≤ 2× the bare iterparse
pass's CPU time and ≤ 200 MiB peak RSS. The baselines are those of
``bench_tmx_read.py``: the literal bare pass the target names, and beside it
the stricter streaming pass (every element handed to Python, finished units
cleared) and the ``tag="tu"`` pass, each with its own ratio column.

    python benchmarks/bench_validate.py [--units 1000000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_tmx_read import (
    BARE_ITERPARSE,
    BASELINE,
    STREAMING,
    STREAMING_ITERPARSE,
    TU_ONLY,
    TU_ONLY_ITERPARSE,
    generate_tmx,
    measure_all,
    table,
    verdict,
)

TMKIT_VALIDATE = """
from tmkit.ops.validate import validate_tmx
def run(path):
    result = validate_tmx(path, target_lang="en")
    if result.findings:
        raise SystemExit(f"unexpected findings: {result.findings[:3]}")
    return result.units
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = generate_tmx(Path(tmp) / "bench.tmx", args.units)
        size = path.stat().st_size / (1 << 20)
        print(f"{args.units} units, {size:.1f} MiB, median of {args.repeats} runs each")
        setups = [
            (BASELINE, BARE_ITERPARSE),
            (STREAMING, STREAMING_ITERPARSE),
            (TU_ONLY, TU_ONLY_ITERPARSE),
            ("tmkit validate_tmx", TMKIT_VALIDATE),
        ]
        rows = measure_all(setups, path, args.repeats)
        print(table(rows))
        print(verdict(dict(rows), "tmkit validate_tmx", 2.0, 200))


if __name__ == "__main__":
    main()
