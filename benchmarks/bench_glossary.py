"""Benchmark: tmkit's glossary matcher against a naive per-term ``in`` loop.

Generates (deterministically) a glossary of N concepts and M Japanese→English
segment pairs, then checks every pair for the glossary rules:

* ``tmkit``: ``GlossaryMatcher`` + ``glossary_findings`` (Aho-Corasick over folded
  Japanese, normalised English keys) as shipped: short CJK terms checked for word
  boundaries (`tmkit.glossary.boundaries`: MeCab tokens and path costs), one
  concept in ten with allowed word forms (``tmkit:forms``: half lemmatised, half a
  wildcard), and a five-rule project checklist run on every pair as well;
* ``tmkit-plain``: the same matcher with boundaries off, no forms, no checklist;
* baseline ``naive``: for every pair, for every concept, ``term in source`` for
  each Japanese term, then ``term.lower() in target.lower()`` for each English
  term of a concept found. It is timed on a subset of the pairs and extrapolated
  linearly (its cost is proportional to pairs × terms); the output says so.

Each measurement runs in a fresh subprocess that reports its own peak RSS
(``ru_maxrss``); times are medians over the repeats. Matcher build time is
reported apart from the per-pair time, which is what the ratio compares.

    python benchmarks/bench_glossary.py [--concepts 10000] [--pairs 100000] [--repeats 3]

Result at full size (10,000 concepts × 100,000 pairs, 2 shared cores): tmkit 8.0 s
[4.2 s CPU] with boundaries, forms and the checklist, tmkit-plain 7.7 s [3.4 s],
naive 651 s [208 s] extrapolated from 2,000 pairs: 81× wall, 49× CPU.

``--boundaries`` instead measures what the MeCab edge check does to false hits on
the repository's interview (source/ja/interview.txt) with a realistic glossary
of short and long terms, printing every hit that MeCab removes, in context.

Result (75 lines, 68 terms): 667 hits without MeCab, 644 with. Of the 23 hits
MeCab removed, 3 were false (日本 in 日本人, 大学院 in 大学院生, 教授 in 助教授) and
about 20 were true (未来/社会 in 未来社会 ×8, 世界 in 世界中 ×6, 東京 and 大学 in
東京大学, 東京 in 東京都臨床医学総合研究所, 医学 in 臨床医学 and 医学部, 研究所 in
総合研究所, and 量子生命科学 in 量子生命科学会, where a shorter 量子生命 replaced it).
教授会 inside 大学院教授会 is not removed (MeCab: 大学院|教授|会). So the edge check
ships off; glossary authors list compounds instead (longest match wins).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MORPHEMES = [
    "量子",
    "科学",
    "技術",
    "研究",
    "開発",
    "機構",
    "装置",
    "施設",
    "加速",
    "重粒子",
    "線",
    "治療",
    "医療",
    "核融合",
    "エネルギー",
    "ビーム",
    "レーザー",
    "生命",
    "材料",
    "放射",
    "計測",
    "制御",
    "実験",
    "理論",
    "解析",
    "基盤",
    "拠点",
    "部門",
    "センター",
    "高度",
    "次世代",
    "国際",
    "連携",
    "人材",
    "育成",
    "評価",
    "安全",
    "環境",
    "診断",
    "画像",
    "分子",
    "原子",
    "電子",
    "光",
    "磁場",
    "超電導",
    "コイル",
    "炉",
    "燃料",
    "物質",
    "構造",
    "機能",
    "設計",
    "運転",
    "管理",
    "情報",
    "計算",
    "標準",
    "規格",
    "品質",
    "試験",
]
FILLER_JA = [
    "の",
    "は",
    "を",
    "に",
    "と",
    "が",
    "で",
    "も",
    "から",
    "まで",
    "より",
    "へ",
    "や",
    "など",
    "として",
    "について",
    "による",
]
WORDS_EN = [
    "quantum",
    "science",
    "technology",
    "research",
    "development",
    "institute",
    "device",
    "facility",
    "accelerator",
    "heavy",
    "ion",
    "beam",
    "therapy",
    "medical",
    "fusion",
    "energy",
    "laser",
    "life",
    "material",
    "radiation",
    "measurement",
    "control",
    "experiment",
    "theory",
    "analysis",
    "platform",
    "base",
    "division",
    "center",
    "advanced",
    "generation",
    "international",
    "cooperation",
    "talent",
    "training",
    "evaluation",
    "safety",
    "environment",
    "diagnosis",
    "imaging",
    "molecule",
    "atom",
    "electron",
    "light",
    "magnetic",
    "superconducting",
    "coil",
    "reactor",
    "fuel",
    "matter",
    "structure",
    "function",
    "design",
    "operation",
    "management",
    "information",
    "computing",
    "standard",
    "quality",
    "test",
]
FILLER_EN = [
    "the",
    "of",
    "and",
    "to",
    "in",
    "for",
    "with",
    "on",
    "by",
    "as",
    "at",
    "from",
    "is",
    "was",
    "this",
    "that",
    "which",
]


def generate(n_concepts: int, n_pairs: int, seed: int = 20261129):
    from tmkit.model.glossary import Concept, Glossary, Term

    rng = random.Random(seed)
    ja_seen: set[str] = set()
    en_seen: set[str] = set()

    def fresh(make, seen):
        while True:
            value = make()
            if value not in seen:
                seen.add(value)
                return value

    def ja_term():
        if rng.random() < 0.05:
            letters = "".join(
                rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(rng.randint(3, 5))
            )
            return letters + (f"-{rng.randint(1, 99)}" if rng.random() < 0.3 else "")
        return "".join(rng.choice(MORPHEMES) for _ in range(rng.randint(2, 4)))

    def en_term():
        return " ".join(rng.choice(WORDS_EN) for _ in range(rng.randint(2, 4)))

    concepts = []
    for i in range(n_concepts):
        terms = [Term(fresh(ja_term, ja_seen), "ja", "preferred")]
        if rng.random() < 0.3:
            terms.append(Term(fresh(ja_term, ja_seen), "ja", "admitted"))
        terms.append(Term(fresh(en_term, en_seen), "en", "preferred"))
        if rng.random() < 0.3:
            terms.append(Term(fresh(en_term, en_seen), "en", "deprecated"))
        concepts.append(Concept(f"c{i}", tuple(terms)))
    glossary = Glossary(tuple(concepts))

    pairs = []
    for _ in range(n_pairs):
        src: list[str] = []
        tgt: list[str] = []
        for _ in range(rng.randint(0, 3)):
            concept = rng.choice(concepts)
            ja = [t for t in concept.terms if t.lang == "ja"]
            en = [t for t in concept.terms if t.lang == "en"]
            src.append(rng.choice(ja).text)
            roll = rng.random()
            if roll < 0.8:
                tgt.append(en[0].text)
            elif roll < 0.9 and len(en) > 1:
                tgt.append(en[1].text)
            src.extend(rng.choice(MORPHEMES) + rng.choice(FILLER_JA) for _ in range(2))
            tgt.extend(rng.choice(FILLER_EN + WORDS_EN) for _ in range(3))
        src.extend(rng.choice(MORPHEMES) + rng.choice(FILLER_JA) for _ in range(rng.randint(3, 8)))
        tgt.extend(rng.choice(FILLER_EN + WORDS_EN) for _ in range(rng.randint(4, 10)))
        pairs.append(("".join(src) + "。", " ".join(tgt).capitalize() + "."))
    return glossary, pairs


CHECKLIST = """
[[rule]]
id = "percent"
source = '\\d+\\s*[%％]'
target-not = '%|percent'
[[rule]]
id = "kanji-left"
target = '\\p{Han}'
[[rule]]
id = "brackets"
target = '[「」『』]'
[[rule]]
id = "double-space"
target = '\\S  \\S'
[[rule]]
id = "question"
source = '[？?]$'
target-not = '\\?$'
"""


def with_forms(glossary, seed: int = 7):
    """One concept in ten allows more forms of its preferred English term."""
    from dataclasses import replace

    from tmkit.model.glossary import Glossary

    rng = random.Random(seed)
    concepts = []
    for concept in glossary.concepts:
        if rng.random() < 0.1:
            terms = []
            for t in concept.terms:
                if t.lang == "en" and t.status == "preferred":
                    note = (
                        "tmkit:forms lemma"
                        if rng.random() < 0.5
                        else ("tmkit:forms " + t.text.split()[0][:4] + "*")
                    )
                    t = replace(t, note=note)
                terms.append(t)
            concept = replace(concept, terms=tuple(terms))
        concepts.append(concept)
    return Glossary(tuple(concepts))


def run_checklist(pairs) -> int:
    import tempfile

    from tmkit.checks.base import CheckContext
    from tmkit.checks.checklist import load_checklist
    from tmkit.model.units import Unit

    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(CHECKLIST)
    rules = load_checklist(f.name).rules
    Path(f.name).unlink()
    ctx = CheckContext()
    found = 0
    for s, t in pairs:
        pair = Unit(s, t, "u")
        for rule in rules:
            found += sum(1 for _ in rule(pair, ctx))
    return found


def run_naive(glossary, pairs) -> int:
    concepts = [
        (
            [t.text for t in c.terms if t.lang == "ja"],
            [t.text.lower() for t in c.terms if t.lang == "en" and t.allowed],
            [t.text.lower() for t in c.terms if t.lang == "en" and t.forbidden],
        )
        for c in glossary.concepts
    ]
    findings = 0
    for src, tgt in pairs:
        low = tgt.lower()
        for ja_terms, allowed, forbidden in concepts:
            for term in ja_terms:
                if term in src:
                    if not any(a in low for a in allowed):
                        findings += 1
                    findings += sum(1 for f in forbidden if f in low)
                    break
    return findings


def child(args: argparse.Namespace) -> None:
    glossary, pairs = generate(args.concepts, args.pairs)
    if args.mode == "naive":
        pairs = pairs[: args.naive_pairs]
    walls, cpus, build_times = [], [], []
    findings = 0
    for _ in range(args.repeats):
        if args.mode == "naive":
            w0, c0 = time.perf_counter(), time.process_time()
            findings = run_naive(glossary, pairs)
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
            continue
        from tmkit.glossary.matcher import GlossaryMatcher
        from tmkit.glossary.rules import glossary_findings

        full = args.mode == "tmkit"
        b0 = time.perf_counter()
        if full:
            matcher = GlossaryMatcher(with_forms(glossary))
        else:
            matcher = GlossaryMatcher(glossary, boundaries=False)
        build_times.append(time.perf_counter() - b0)
        w0, c0 = time.perf_counter(), time.process_time()
        findings = sum(len(glossary_findings(matcher, s, t)) for s, t in pairs)
        if full:
            findings += run_checklist(pairs)
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
    print(
        json.dumps(
            {
                "mode": args.mode,
                "pairs": len(pairs),
                "median_s": statistics.median(walls),
                "median_cpu_s": statistics.median(cpus),
                "build_s": statistics.median(build_times) if build_times else 0.0,
                "findings": findings,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            }
        )
    )


def measure(args: argparse.Namespace, mode: str) -> dict:
    cmd = [
        sys.executable,
        __file__,
        "--child",
        mode,
        "--concepts",
        str(args.concepts),
        "--pairs",
        str(args.pairs),
        "--repeats",
        str(args.repeats),
        "--naive-pairs",
        str(args.naive_pairs),
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench(args: argparse.Namespace) -> None:
    print(
        f"glossary benchmark: {args.concepts} concepts, {args.pairs} segment pairs, "
        f"median of {args.repeats} repeats, each mode in its own subprocess "
        "(wall time; CPU time of the process in brackets, steadier on a shared machine)"
    )
    results = {mode: measure(args, mode) for mode in ("tmkit", "tmkit-plain", "naive")}
    naive = results["naive"]
    scale = args.pairs / naive["pairs"]
    naive_wall, naive_cpu = naive["median_s"] * scale, naive["median_cpu_s"] * scale
    for mode in ("tmkit", "tmkit-plain"):
        r = results[mode]
        print(
            f"  {mode:14s} {r['median_s']:8.2f} s [{r['median_cpu_s']:.2f} s] for {r['pairs']} "
            f"pairs (+ {r['build_s']:.2f} s to build the matcher), "
            f"peak RSS {r['peak_rss_mb']:.0f} MB, {r['findings']} findings"
        )
    print(
        f"  {'naive in-loop':14s} {naive['median_s']:8.2f} s [{naive['median_cpu_s']:.2f} s] "
        f"for {naive['pairs']} pairs, extrapolated linearly ×{scale:g} to "
        f"{naive_wall:.1f} s [{naive_cpu:.1f} s] for {args.pairs} pairs; "
        f"peak RSS {naive['peak_rss_mb']:.0f} MB"
    )
    for mode in ("tmkit", "tmkit-plain"):
        r = results[mode]
        print(
            f"  ratio naive / {mode}: {naive_wall / r['median_s']:.1f}× wall, "
            f"{naive_cpu / r['median_cpu_s']:.1f}× CPU"
        )


# ---------------------------------------------------------------- MeCab measurement

# A realistic glossary for the interview: the long names it contains and the short
# generic words a glossary also lists (the usual source of substring false hits).
BOUNDARY_TERMS = [
    "量子科学技術研究開発機構",
    "量子科学技術",
    "量子科学",
    "量子",
    "科学",
    "技術",
    "研究",
    "研究所",
    "研究者",
    "開発",
    "機構",
    "理事長",
    "理事",
    "小安重夫",
    "平野俊夫",
    "放射線医学総合研究所",
    "原子力研究開発機構",
    "核融合",
    "量子生命科学",
    "量子生命",
    "生命",
    "重粒子線",
    "重粒子",
    "がん治療",
    "加速器",
    "加速",
    "装置",
    "施設",
    "拠点",
    "部門",
    "職員",
    "人材",
    "国際",
    "国際化",
    "日本",
    "日本語",
    "英語",
    "京都",
    "東京",
    "千葉",
    "理化学研究所",
    "免疫学",
    "医学",
    "医療",
    "物理",
    "教授",
    "教授会",
    "大学",
    "大学院",
    "外国人",
    "研究開発",
    "基盤",
    "連携",
    "HIMAC",
    "QST",
    "ITER",
    "RIBF",
    "NIRS",
    "JAEA",
    "社会",
    "未来",
    "価値",
    "成果",
    "分野",
    "世界",
    "中長期",
    "目標",
    "計画",
]


def boundaries() -> None:
    from tmkit.glossary.matcher import GlossaryMatcher
    from tmkit.model.glossary import Concept, Glossary, Term

    text_path = ROOT / "source" / "ja" / "interview.txt"
    lines = [line for line in text_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    glossary = Glossary(
        tuple(Concept(f"t{i}", (Term(t, "ja", "preferred"),)) for i, t in enumerate(BOUNDARY_TERMS))
    )
    on, off = GlossaryMatcher(glossary, mecab=True), GlossaryMatcher(glossary)
    n_on = n_off = 0
    removed = []
    for n, line in enumerate(lines, 1):
        hits_on = {(h.start, h.end, h.term.text) for h in on.source_hits(line)}
        hits_off = {(h.start, h.end, h.term.text) for h in off.source_hits(line)}
        n_on += len(hits_on)
        n_off += len(hits_off)
        for start, end, term in sorted(hits_off - hits_on):
            context = (
                line[max(0, start - 6) : start] + "[" + line[start:end] + "]" + line[end : end + 6]
            )
            removed.append((n, term, context))
        for start, end, term in sorted(hits_on - hits_off):
            context = (
                line[max(0, start - 6) : start] + "[" + line[start:end] + "]" + line[end : end + 6]
            )
            removed.append((n, f"+{term}", context))
    print(
        f"{len(lines)} lines, {len(BOUNDARY_TERMS)} terms: {n_off} hits without MeCab, {n_on} with"
    )
    print("hits MeCab removes (or, prefixed +, a shorter hit that replaces a removed longer one):")
    for n, term, context in removed:
        print(f"  line {n:3d}  {term:12s} {context}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concepts", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--naive-pairs", type=int, default=2_000)
    parser.add_argument("--child", dest="mode", choices=("tmkit", "tmkit-plain", "naive"))
    parser.add_argument("--boundaries", action="store_true")
    args = parser.parse_args()
    if args.boundaries:
        boundaries()
    elif args.mode:
        child(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
