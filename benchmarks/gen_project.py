"""Generate a tmkit project of N segments (deterministic, fixed seed).

Four Japanese source documents of paragraphs of sentences, a CSV glossary of
``terms`` concepts, a complete English translation (mostly faithful, with a
deliberate share of glossary, number and Latin-token slips so every check
family has something to find), a TMX and a report: the shape of a real
project at any size. Used by ``benchmarks/bench_build.py`` and by the
byte-identity test ``tests/test_build_golden.py``.

The sentences mix what makes checking expensive: full-width digits and
brackets (NFKC work), kanji numerals with counters, Latin words, glossary terms.

    python benchmarks/gen_project.py DIR [--segments 10000] [--terms 100] [--seed 16]

Building the translation uses tmkit itself (extract, then fill the PO, then
build): the generated project is what ``tmkit build`` makes of these sources.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

DOCUMENTS = 4
MORPHEMES = (
    "量子",
    "科学",
    "技術",
    "研究",
    "開発",
    "機構",
    "放射線",
    "医学",
    "核融合",
    "加速器",
    "材料",
    "生命",
    "情報",
    "計測",
    "理論",
    "装置",
    "施設",
    "国際",
    "連携",
    "人材",
    "育成",
    "社会",
    "未来",
    "環境",
)
FILLER_JA = ("を進める", "が重要です", "について説明します", "に取り組む", "を行った", "も大切だ")
WORDS_EN = (
    "quantum",
    "science",
    "research",
    "development",
    "institute",
    "radiation",
    "medicine",
    "fusion",
    "accelerator",
    "materials",
    "life",
    "information",
    "measurement",
    "theory",
    "device",
    "facility",
    "international",
    "cooperation",
    "talent",
    "society",
    "future",
    "environment",
)
FILLER_EN = ("we", "advance", "the", "work", "on", "and", "is", "important", "for", "of")
COUNTERS = (("人", "people"), ("年", "years"), ("件", "cases"), ("台", "units"), ("回", "times"))
KANJI = "〇一二三四五六七八九"
LATIN = ("QST", "ITER", "JT-60SA", "NIRS", "HIMAC", "SPring-8")

CONFIG = """\

project-id = "gen"
source-lang = "ja"
target-lang = "en"
sources = [{sources}]
targets = [{targets}]
template = "source/ja/gen.pot"
translation = "target/en/gen.po"
tmx = "target/en/gen.tmx"
glossary = "glossary/terms.csv"
report = "target/en/report.html"
"""


def _kanji_number(n: int) -> str:
    return "".join(KANJI[int(d)] for d in str(n))


def _wide(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


class _Maker:
    def __init__(self, terms: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.concepts = self._concepts(terms)
        self.serial = 0

    def _concepts(self, n: int) -> list[tuple[str, str, str | None]]:
        rng = self.rng
        seen_ja: set[str] = set()
        seen_en: set[str] = set()
        out = []
        while len(out) < n:
            ja = "".join(rng.choice(MORPHEMES) for _ in range(rng.randint(2, 4)))
            en = " ".join(rng.choice(WORDS_EN) for _ in range(rng.randint(2, 3)))
            if ja in seen_ja or en in seen_en:
                continue
            seen_ja.add(ja)
            seen_en.add(en)
            bad = None
            if rng.random() < 0.3:
                bad = en + " body"
                if bad in seen_en:
                    bad = None
                else:
                    seen_en.add(bad)
            out.append((ja, en, bad))
        return out

    def sentence(self) -> tuple[str, str]:
        """One Japanese sentence and its English translation (sometimes with a slip)."""
        rng = self.rng
        self.serial += 1
        src: list[str] = []
        tgt: list[str] = []
        for _ in range(rng.randint(0, 2)):
            ja, en, bad = rng.choice(self.concepts)
            src.append(ja + rng.choice(FILLER_JA))
            roll = rng.random()
            tgt.append((bad if bad and roll < 0.05 else en) if roll > 0.02 else "something")
        if rng.random() < 0.5:
            n = rng.randint(2, 2000)
            counter, word = rng.choice(COUNTERS)
            shown = rng.choice((str(n), _wide(str(n)), _kanji_number(n)))
            src.append(f"{shown}{counter}の{rng.choice(MORPHEMES)}")
            tgt.append(f"{n + (1 if rng.random() < 0.03 else 0)} {word}")
        if rng.random() < 0.2:
            name = rng.choice(LATIN)
            src.append(rng.choice((f"（{name}）", f"（{_wide(name)}）", name + "の")))
            tgt.append(name if rng.random() > 0.05 else "the institute")
        for _ in range(rng.randint(2, 5)):
            src.append(rng.choice(MORPHEMES) + rng.choice(FILLER_JA))
            word = rng.choice(FILLER_EN + WORDS_EN)
            if tgt[-1:] != [word]:
                tgt.append(word)
        # a serial number keeps sentences distinct, as in a real text
        src.append(f"第{self.serial}節")
        tgt.append(f"section {self.serial}")
        english = " ".join(tgt)
        return "、".join(src) + "。", english[0].upper() + english[1:] + "."


def write_sources(root: Path, segments: int, terms: int, seed: int) -> dict[str, str]:
    """Write config, sources and glossary; return the translation of every sentence."""
    maker = _Maker(terms, seed)
    (root / "source" / "ja").mkdir(parents=True, exist_ok=True)
    (root / "target" / "en").mkdir(parents=True, exist_ok=True)
    (root / "glossary").mkdir(parents=True, exist_ok=True)
    translations: dict[str, str] = {}
    per_doc = segments // DOCUMENTS
    names = [f"doc{i + 1}" for i in range(DOCUMENTS)]
    for index, name in enumerate(names):
        count = per_doc if index < DOCUMENTS - 1 else segments - per_doc * (DOCUMENTS - 1)
        paragraphs = [f"文書{index + 1}の題名"]
        translations[paragraphs[0]] = f"Title of document {index + 1}"
        done = 1
        while done < count:
            sentences = []
            for _ in range(min(maker.rng.randint(1, 4), count - done)):
                ja, en = maker.sentence()
                translations[ja] = en
                sentences.append(ja)
                done += 1
            paragraphs.append("".join(sentences))
        text = "\n\n".join(paragraphs) + "\n"
        (root / "source" / "ja" / f"{name}.txt").write_text(text, encoding="utf-8")
    with (root / "glossary" / "terms.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["concept_id", "language", "term", "status"])
        for number, (ja, en, bad) in enumerate(maker.concepts, start=1):
            out.writerow([f"c{number}", "ja", ja, "preferred"])
            out.writerow([f"c{number}", "en", en, "preferred"])
            if bad:
                out.writerow([f"c{number}", "en", bad, "deprecated"])
    quoted = ", ".join
    (root / "tmkit.toml").write_text(
        CONFIG.format(
            sources=quoted(f'"source/ja/{n}.txt"' for n in names),
            targets=quoted(f'"target/en/{n}.txt"' for n in names),
        ),
        encoding="utf-8",
    )
    return translations


def fill_translation(po_path: Path, translations: dict[str, str]) -> None:
    from tmkit.formats.po import format_po, read_po

    catalog = read_po(po_path)
    for message in catalog.messages:
        if not message.is_header and message.msgid in translations:
            message.msgstr = translations[message.msgid]
    po_path.write_text(format_po(catalog), encoding="utf-8")


def generate(root: Path, segments: int, terms: int = 100, seed: int = 16) -> Path:
    """A complete, built project in ``root``; returns its config file."""
    import os

    from tmkit.ops.build import run_build
    from tmkit.ops.build_steps import apply
    from tmkit.ops.project import load_project

    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    root.mkdir(parents=True, exist_ok=True)
    translations = write_sources(root, segments, terms, seed)
    config = root / "tmkit.toml"
    apply(run_build(load_project(config)))
    fill_translation(root / "target" / "en" / "gen.po", translations)
    apply(run_build(load_project(config)))
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--segments", type=int, default=10_000)
    parser.add_argument("--terms", type=int, default=100)
    parser.add_argument("--seed", type=int, default=16)
    args = parser.parse_args()
    print(generate(args.directory, args.segments, args.terms, args.seed))


if __name__ == "__main__":
    main()
