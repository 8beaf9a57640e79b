"""Read 100k units as XLIFF 2.1 with tmkit vs the same units as TMX with tmkit, and
translate-toolkit's ``xlifffile`` reading them as XLIFF 1.2.

The three files hold the same units (ids, context, ja source, en target, an
inline code in every tenth unit). Each reader runs in its own interpreter
(``--repeats`` times, interleaved; median CPU and wall time, largest peak RSS),
with `bench_tmx_read.measure_all`. Target: tmkit's streaming XLIFF reader
(`iter_xliff_units`, one `Unit` per segment, flat memory) costs at most 1.5× the
CPU time of tmkit's streaming TMX reader (`iter_tmx`, which gives TMX-model
units, not `Unit`s) on the same units, and its peak RSS stays flat (≤ 50 MiB,
like the TMX reader's target). The like-for-like figure, TMX read into `Unit`s
as every command sees them, is printed too. The lossless
document reader (`load_xliff` + `xliff_units`, which keeps the tree for writing
back) is printed beside it: its memory grows with the file by design.

    python benchmarks/bench_xliff.py [--units 100000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tmx_read import EN, JA, generate_tmx, measure_all


def _texts(n: int) -> tuple[str, str]:
    ja = "".join(JA[(n + k) % len(JA)] for k in range(3)) + str(n)
    en = " ".join(EN[(n + k) % len(EN)] for k in range(3)) + f" {n}"
    return escape(ja, quote=False), escape(en, quote=False)


def generate_xliff2(path: Path, units: int) -> Path:
    """The units of `generate_tmx` as an XLIFF 2.1 job (the code as ``ph`` + originalData)."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" ')
        fh.write('srcLang="ja" trgLang="en">\n <file id="f1" original="bench.txt">\n')
        for n in range(units):
            ja, en = _texts(n)
            code = n % 10 == 0
            data = (
                '   <originalData><data id="d1">&lt;br/&gt;</data></originalData>\n' if code else ""
            )
            ph = '<ph id="1" dataRef="d1"/>' if code else ""
            fh.write(
                f'  <unit id="u{n}" name="s{n}">\n{data}'
                f'   <segment state="translated">\n    <source>{ja}{ph}</source>\n'
                f"    <target>{en}{ph}</target>\n   </segment>\n  </unit>\n"
            )
        fh.write(" </file>\n</xliff>\n")
    return path


def generate_xliff12(path: Path, units: int) -> Path:
    """The same units as XLIFF 1.2 (the code as ``ph``), for translate-toolkit."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        fh.write('<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n')
        fh.write(' <file original="bench.txt" source-language="ja" target-language="en" ')
        fh.write('datatype="plaintext">\n  <body>\n')
        for n in range(units):
            ja, en = _texts(n)
            ph = '<ph id="1">&lt;br/&gt;</ph>' if n % 10 == 0 else ""
            fh.write(
                f'   <trans-unit id="u{n}" resname="s{n}">\n    <source>{ja}{ph}</source>\n'
                f'    <target state="translated">{en}{ph}</target>\n   </trans-unit>\n'
            )
        fh.write("  </body>\n </file>\n</xliff>\n")
    return path


TMKIT_TMX = """
from tmkit.formats.tmx import iter_tmx
def run(path):
    header, units = iter_tmx(path)
    return sum(1 for _ in units)
"""

TMKIT_TMX_UNITS = """
from tmkit.formats.tmx import iter_tmx
from tmkit.formats.unitview import memory_units
def run(path):
    header, units = iter_tmx(path)
    return sum(1 for _ in memory_units(units, path, header.srclang))
"""

TMKIT_XLIFF_STREAM = """
from tmkit.formats.xliff import iter_xliff_units
def run(path):
    return sum(1 for _ in iter_xliff_units(path))
"""

TMKIT_XLIFF_DOCUMENT = """
from tmkit.formats.xliff import load_xliff, xliff_units
def run(path):
    with open(path, "rb") as fh:
        doc = load_xliff(fh, path)
    return sum(1 for _ in xliff_units(doc))
"""

TRANSLATE_TOOLKIT = """
from translate.storage.xliff import xlifffile
def run(path):
    with open(path, "rb") as fh:
        store = xlifffile(fh)
    n = 0
    for unit in store.units:
        unit.source, unit.target
        n += 1
    return n
"""

TMX = "tmkit iter_tmx (TMX)"
TMX_UNITS = "tmkit iter_tmx → Units (TMX)"
STREAM = "tmkit iter_xliff_units (2.1)"
DOCUMENT = "tmkit load_xliff+units (2.1)"
TOOLKIT = "translate-toolkit xlifffile (1.2)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-translate-toolkit", action="store_true", help="skip the slow one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmx = generate_tmx(Path(tmp) / "bench.tmx", args.units)
        x2 = generate_xliff2(Path(tmp) / "bench2.xlf", args.units)
        x1 = generate_xliff12(Path(tmp) / "bench12.xlf", args.units)
        sizes = ", ".join(f"{p.suffix}: {p.stat().st_size / (1 << 20):.1f} MiB" for p in (tmx, x2))
        print(f"{args.units} units ({sizes}), median of {args.repeats} runs each")
        rows = []
        rows += measure_all([(TMX, TMKIT_TMX), (TMX_UNITS, TMKIT_TMX_UNITS)], tmx, args.repeats)
        rows += measure_all(
            [(STREAM, TMKIT_XLIFF_STREAM), (DOCUMENT, TMKIT_XLIFF_DOCUMENT)], x2, args.repeats
        )
        if not args.no_translate_toolkit:
            rows += measure_all([(TOOLKIT, TRANSLATE_TOOLKIT)], x1, args.repeats)
        base = dict(rows)[TMX]
        print(f"{'':36} {'cpu s':>7} {'× TMX':>6} {'wall s':>7} {'peak RSS MiB':>13} {'units':>8}")
        for name, r in rows:
            print(
                f"{name:36} {r['cpu']:7.3f} {r['cpu'] / base['cpu']:6.2f} {r['seconds']:7.3f}"
                f" {r['rss_mib']:13.1f} {r['count']:8d}"
            )
        found = dict(rows)
        ratio = found[STREAM]["cpu"] / base["cpu"]
        ok = ratio <= 1.5 and found[STREAM]["rss_mib"] <= 50
        print(
            f"target ≤1.5× tmkit's TMX read and ≤50 MiB: {'met' if ok else 'NOT met'} "
            f"({ratio:.2f}×, {found[STREAM]['rss_mib']:.1f} MiB)"
        )
        like = found[STREAM]["cpu"] / found[TMX_UNITS]["cpu"]
        print(f"like for like (both giving Units, the gateway's view): {like:.2f}× the TMX read")
        if TOOLKIT in found:
            ttk, mine = found[TOOLKIT], found[STREAM]
            print(
                f"translate-toolkit xlifffile: {ttk['cpu'] / mine['cpu']:.1f}× the CPU and "
                f"{ttk['rss_mib'] / mine['rss_mib']:.1f}× the peak RSS of tmkit's stream"
            )


if __name__ == "__main__":
    main()
