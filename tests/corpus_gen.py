"""A generated Japanese–English corpus for the corpus-engine tests and benchmark.

Deterministic (seeded): sentences built from templates, with what a real crawl
holds mixed in at fixed rates: exact duplicates, the same source with other
targets, untranslated copies, English in the Japanese column, CJK in the English
column, HTML debris, mojibake and repeated tuids.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

HEADER = (
    '<header creationtool="gen" creationtoolversion="1" segtype="sentence" o-tmf="gen" '
    'adminlang="en" srclang="ja" datatype="plaintext"/>'
)
SUBJECTS = [
    ("量子科学技術研究開発機構", "QST"),
    ("研究所", "the institute"),
    ("核融合の研究", "fusion research"),
    ("放射線医学", "radiation medicine"),
    ("国際協力", "international cooperation"),
]
VERBS = [
    ("は{n}年に設立されました。", "was established in {n}."),
    ("は{n}件の成果を発表しました。", "published {n} results."),
    ("は{n}人の研究者を受け入れています。", "hosts {n} researchers."),
    ("は今年{n}回目の会議を開きます。", "holds its {n}th meeting this year."),
]


def pairs(n: int, seed: int = 15) -> Iterator[tuple[str, str, str]]:
    """(tuid, Japanese, English) for ``n`` units."""
    rng = random.Random(seed)
    recent: deque[tuple[str, str]] = deque(maxlen=200)
    for i in range(n):
        roll = rng.random()
        if recent and roll < 0.08:
            ja, en = rng.choice(recent)  # exact duplicate
        elif recent and roll < 0.11:
            ja, _ = rng.choice(recent)  # conflicting target
            en = f"Another rendering {rng.randint(0, 3)}."
        else:
            (sj, se), (vj, ve) = rng.choice(SUBJECTS), rng.choice(VERBS)
            k = rng.randint(1, 3000)
            ja, en = sj + vj.format(n=k), (se[0].upper() + se[1:]) + " " + ve.format(n=k)
            if i % 53 == 7:
                en = ja  # untranslated copy
            elif i % 59 == 11:
                ja = en  # English in the Japanese column
            elif i % 61 == 13:
                en = en + " <b>More</b>"
            elif i % 67 == 17:
                en = en.replace("'", "â€™") + " Itâ€™s"
        recent.append((ja, en))
        tuid = f"u{i - 50}" if i % 97 == 96 else f"u{i}"  # a tuid used again 50 units later
        yield tuid, ja, en


def tu(tuid: str, ja: str, en: str) -> str:
    return (
        f'<tu tuid="{escape(tuid)}"><tuv xml:lang="ja"><seg>{escape(ja)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>\n'
    )


def write_tmx(path: Path, n: int, seed: int = 15) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">{HEADER}<body>\n')
        for tuid, ja, en in pairs(n, seed):
            f.write(tu(tuid, ja, en))
        f.write("</body></tmx>\n")
    return path
