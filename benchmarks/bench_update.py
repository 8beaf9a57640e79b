"""`tmkit update` vs GNU `msgmerge --previous` on a generated 200k-entry catalog.

The old translation holds every entry translated; the new template edits one
entry in 20 (these become fuzzy matches), drops one in 50 (obsolete) and adds
one in 50 (untranslated, or a fuzzy match). Each tool runs as its own process
(``--repeats`` times) on copies of the same files: median wall and CPU time,
peak RSS (``os.wait4``). Target: tmkit no slower than msgmerge (CPU). Both
outputs are checked to hold the same number of fuzzy, translated and obsolete
entries.

    python benchmarks/bench_update.py [--entries 200000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_po2tmx import BIN, EN, JA, measure

HEADER = (
    'msgid ""\nmsgstr ""\n"Project-Id-Version: bench\\n"\n'
    '"POT-Creation-Date: {date}\\n"\n"PO-Revision-Date: 2026-11-29 00:00+0000\\n"\n'
    '"Language: en\\n"\n"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Content-Transfer-Encoding: 8bit\\n"\n\n'
)


# Words of two to four kana/kanji, so that sentences share words but are not all alike.
_CHARS = "あいうえおかきくけこさしすせそたちつてとなにぬねのまみむめもやゆよらりるれろわを" + (
    "研究開発技術施設人材活用推進世界最高水準量子科学機構分野成果社会実装国際連携支援"
)
_WORDS = [
    _CHARS[(i * 7) % len(_CHARS)] + _CHARS[(i * 13 + 5) % len(_CHARS)]
    + _CHARS[(i * 31 + 11) % len(_CHARS)] * (i % 3 == 0)
    for i in range(997)
]  # fmt: skip


def _source(n: int) -> str:
    """A sentence of 8 to 15 words: a fixed pseudo-random walk over the word list."""
    words = [_WORDS[(n * 7919 + k * 104729 + k * k * n) % len(_WORDS)] for k in range(8 + n % 8)]
    return "".join(words) + JA[n % len(JA)] + f"第{n}号。"


def generate(folder: Path, entries: int) -> tuple[Path, Path]:
    """(template, old translation), the same bytes each time."""
    pot, po = folder / "new.pot", folder / "old.po"
    with open(pot, "w", encoding="utf-8") as t, open(po, "w", encoding="utf-8") as p:
        t.write(HEADER.format(date="2026-12-01 00:00+0000"))
        p.write(HEADER.format(date="2026-11-01 00:00+0000"))
        for n in range(entries):
            ja = _source(n)
            en = " ".join(EN[(n + k) % len(EN)] for k in range(5)) + f" {n}"
            ref = f"#: source/ja/doc.txt:{n + 1}\n"
            if n % 50 != 7:  # one in 50 left the template
                new = ja + "、改訂版" if n % 20 == 3 else ja  # one in 20 edited
                t.write(f'{ref}msgid "{new}"\nmsgstr ""\n\n')
            if n % 50 == 11:  # one in 50 is new
                t.write(f'#: source/ja/new.txt:{n}\nmsgid "新規{n}：{ja[:4]}"\nmsgstr ""\n\n')
            p.write(f'{ref}msgid "{ja}"\nmsgstr "{en}"\n\n')
    return pot, po


def states(path: Path) -> tuple[int, int, int]:
    """(fuzzy, obsolete, entries) counted from the text, the same way for both outputs."""
    text = path.read_text(encoding="utf-8")
    return text.count("#, fuzzy"), text.count("#~ msgid"), text.count("\nmsgid ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if shutil.which("msgmerge") is None:
        raise SystemExit("GNU msgmerge is not installed: no baseline to compare with")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pot, po = generate(folder, args.entries)
        ours, theirs = folder / "tmkit.po", folder / "msgmerge.po"
        size = po.stat().st_size / (1 << 20)
        print(f"{args.entries} entries, {size:.1f} MiB PO, median of {args.repeats} runs each")
        print(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
        tmkit_cmd = [str(BIN / "tmkit"), "update", "-q", str(pot), str(po), "-o", str(ours)]
        tmkit = measure(tmkit_cmd, args.repeats)
        gnu_cmd = ["msgmerge", "--previous", "-q", "-o", str(theirs), str(po), str(pot)]
        gnu = measure(gnu_cmd, args.repeats)
        print(f"{'':26} {'cpu s':>7} {'wall s':>7} {'peak RSS MiB':>13}")
        for name, r in (("tmkit update", tmkit), ("GNU msgmerge --previous", gnu)):
            print(f"{name:26} {r['cpu']:7.2f} {r['wall']:7.2f} {r['rss_mib']:13.1f}")
        ratio = gnu["cpu"] / tmkit["cpu"]
        print(
            f"tmkit: {ratio:.2f}× msgmerge's speed (CPU; wall {gnu['wall'] / tmkit['wall']:.2f}×), "
            f"{tmkit['rss_mib'] / gnu['rss_mib']:.2f}× its memory"
        )
        print(f"(fuzzy, obsolete, entries): tmkit {states(ours)}, msgmerge {states(theirs)}")
        print(f"target: no slower than msgmerge: {'met' if ratio >= 1 else 'NOT met'}")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
