"""Corpus engine throughput: validate, check (QST glossary), dedupe and score on sharded gzip TMX.

Generates a Japanese–English corpus (10M units, 2M with ``--quick``, any size with
``--units``) as gzip TMX shards plus a reference corpus for score, then runs each
command on ``--engine local`` (the baseline: one process, shard after shard) and
on a Dask LocalCluster with 1 and 2 worker processes. Each configuration runs in
its own interpreter; it prints units/s (wall time of the command; cluster start-up
shown apart, and units/s counting it in the "+start" column), CPU time (user+sys
of the process, which holds a local cluster's scheduler, and of each worker,
start-up left out), peak RSS per worker (getrusage in each worker), the speed-up over local,
the load average while it ran (the machine is shared: wall-time ratios are only meaningful when it
is quiet; units per CPU-second are steadier), and a summary per command with the
projected wall time for 30M units at the 2-worker rate. (For local the RSS column
is the one process's, which also holds every finding of the run; the 500 MiB
target is the workers'.) Targets (issue 15): 2
workers ≥ 1.7× local on check and score; every worker < 500 MiB.

    python benchmarks/bench_corpus.py --quick                      # 2M units
    python benchmarks/bench_corpus.py --quick --commands check,score
    python benchmarks/bench_corpus.py --units 100000 --shard-units 10000   # a small try
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_gen import HEADER, pairs, tu  # noqa: E402

GLOSSARY = ROOT / "glossary" / "qst.tbx"
COMMANDS = ("validate", "check", "dedupe", "score")
CONFIGS = (("local", 0), ("dask", 1), ("dask", 2))
PROJECTED = 30_000_000
MIB = 1 << 20


def generate(out: Path, units: int, shard_units: int) -> tuple[Path, Path]:
    """Hypothesis and reference corpora as gzip TMX shards, written streaming."""
    hyp, ref = out / "hyp", out / "ref"
    hyp.mkdir()
    ref.mkdir()
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{HEADER}<body>\n'
    files: tuple = ()
    for i, (tuid, ja, en) in enumerate(pairs(units)):
        if i % shard_units == 0:
            for f in files:
                f.write(b"</body></tmx>\n")
                f.close()
            name = f"part-{i // shard_units + 1:05d}.tmx.gz"
            files = tuple(
                gzip.open(d / name, "wb", compresslevel=1)  # noqa: SIM115  (closed above/below)
                for d in (hyp, ref)
            )
            for f in files:
                f.write(head.encode())
        files[0].write(tu(tuid, ja, en).encode())
        files[1].write(tu(tuid, ja, en.replace(" was ", " has been ")).encode())
    for f in files:
        f.write(b"</body></tmx>\n")
        f.close()
    return hyp, ref


RUNNER = r"""
import json, resource, sys, time
from pathlib import Path
command, engine_name, workers, hyp, ref, glossary, out = sys.argv[1:8]
workers = int(workers)
from tmkit.ops.corpus.inputs import resolve_shards
from tmkit.ops.corpus.engine import LocalEngine, DaskEngine

def usage():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime, r.ru_maxrss * 1024

t0 = time.perf_counter()
engine = LocalEngine() if engine_name == "local" else DaskEngine(workers=workers)
startup = time.perf_counter() - t0
shards = resolve_shards([hyp])
# CPU from here on: the work, not the interpreters' and workers' start-up; each
# worker's from outside (psutil, a Dask dependency), all its threads
cpu0 = usage()[0]
if engine_name != "local":
    import os, psutil
    procs = {w: psutil.Process(p) for w, p in engine.client.run(os.getpid).items()}
    workers0 = {w: sum(p.cpu_times()[:2]) for w, p in procs.items()}
t = time.perf_counter()
if command == "validate":
    from tmkit.ops.corpus.validate import validate_corpus
    _, run = validate_corpus(engine, shards, target_lang="en")
elif command == "check":
    from tmkit.ops.corpus.check import check_corpus
    run = check_corpus(engine, shards, [glossary]).run
elif command == "dedupe":
    from tmkit.ops.corpus.dedupe import dedupe_corpus
    run = dedupe_corpus(engine, shards, out, "majority").run
else:
    from tmkit.ops.corpus.score import score_corpus
    _, run = score_corpus(engine, shards, [resolve_shards([ref])])
wall = time.perf_counter() - t
assert not run.failures, run.failures
client_cpu, rss = usage()
client_cpu -= cpu0
if engine_name == "local":
    workers_cpu, workers_rss = [], [rss]
else:
    workers_cpu = [sum(p.cpu_times()[:2]) - workers0[w] for w, p in procs.items()]
    workers_rss = [r for _, r in engine.client.run(usage).values()]
    engine.close()
print(json.dumps({"units": run.units, "wall": wall, "startup": startup,
                  "cpu": client_cpu + sum(workers_cpu), "client_cpu": client_cpu,
                  "workers_cpu": workers_cpu, "rss": workers_rss, "client_rss": usage()[1]}))
"""


def measure(command: str, engine: str, workers: int, hyp: Path, ref: Path, tmp: Path) -> dict:
    out = tmp / f"out-{command}-{engine}-{workers}"
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            RUNNER,
            command,
            engine,
            str(workers),
            str(hyp),
            str(ref),
            str(GLOSSARY),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"{command} {engine} {workers}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2M units instead of 10M")
    parser.add_argument("--units", type=int, default=0, help="any size (overrides --quick)")
    parser.add_argument("--shard-units", type=int, default=50_000)
    parser.add_argument("--commands", default=",".join(COMMANDS))
    args = parser.parse_args()
    units = args.units or (2_000_000 if args.quick else 10_000_000)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        t = time.perf_counter()
        hyp, ref = generate(tmp, units, args.shard_units)
        size = sum(p.stat().st_size for p in hyp.iterdir())
        shards = len(list(hyp.iterdir()))
        print(
            f"corpus: {units:,} units in {shards} gzip TMX shards ({size / MIB:.0f} MiB), "
            f"generated in {time.perf_counter() - t:.0f} s; 2 cores shared with other users"
        )
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(
            f"{'command':<9} {'engine':<8} {'units/s':>9} {'×local':>7} {'+start':>9} "
            f"{'wall s':>8} {'start s':>8} {'cpu s':>8} {'client+workers cpu s':>22} "
            f"{'units/cpu-s':>11} {'peak RSS/worker MiB':>20}  load"
        )
        failures: list[str] = []
        summary: list[str] = []
        for command in args.commands.split(","):
            rates: dict[str, float] = {}
            peak = 0
            for engine, workers in CONFIGS:
                r = measure(command, engine, workers, hyp, ref, tmp)
                rate = r["units"] / r["wall"]
                label = "local" if engine == "local" else f"dask-{workers}"
                rates[label] = rate
                if engine != "local":  # local has no workers: its one process holds the result
                    peak = max(peak, *r["rss"])
                started = r["units"] / (r["wall"] + r["startup"])
                rss = "/".join(f"{x / MIB:.0f}" for x in r["rss"])
                per = "+".join(f"{x:.1f}" for x in [r["client_cpu"], *r["workers_cpu"]])
                print(
                    f"{command:<9} {label:<8} {rate:>9,.0f} {rate / rates['local']:>7.2f} "
                    f"{started:>9,.0f} {r['wall']:>8.1f} {r['startup']:>8.1f} {r['cpu']:>8.1f} "
                    f"{per:>22} {r['units'] / r['cpu']:>11,.0f} {rss:>20}  "
                    f"{os.getloadavg()[0]:>5.1f}",
                    flush=True,
                )
                if engine != "local" and max(r["rss"]) >= 500 * MIB:
                    failures.append(
                        f"{command} {label}: a worker peaked at {max(r['rss']) / MIB:.0f} MiB"
                    )
            ratio = rates["dask-2"] / rates["local"]
            if command in ("check", "score") and ratio < 1.7:
                failures.append(f"{command}: 2 workers are {ratio:.2f}× local (target 1.7×)")
            summary.append(
                f"{command:<9} {rates['local']:>9,.0f} {rates['dask-1']:>9,.0f} "
                f"{rates['dask-2']:>9,.0f} {ratio:>9.2f} {peak / MIB:>16.0f} "
                f"{PROJECTED / rates['dask-2'] / 3600:>11.2f} h"
            )
        print(f"\nsummary (units/s; projected wall time for {PROJECTED:,} units on 2 workers)")
        print(
            f"{'command':<9} {'local':>9} {'dask-1':>9} {'dask-2':>9} {'2w/local':>9} "
            f"{'worker peak MiB':>16} {'30M wall':>13}"
        )
        print("\n".join(summary))
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print("targets met" if not failures else "targets missed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
