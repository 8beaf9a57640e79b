"""Tune (and report) the short-term boundary rule on tests/data/checks/boundaries.tsv.

    python tests/tools/tune_boundaries.py          # report with the shipped thresholds
    python tests/tools/tune_boundaries.py --tune   # grid-search thresholds on train only

A case is held out when crc32(text) % 3 == 0 (about a third), fixed before tuning.
Precision and recall are those of glossary hits: a hit the rule keeps is a positive.
"""

from __future__ import annotations

import argparse
import zlib
from pathlib import Path

from tmkit.glossary import boundaries

DATA = Path(__file__).resolve().parents[1] / "data" / "checks" / "boundaries.tsv"


def load(path: Path = DATA) -> list[dict]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("label\t"):
            continue
        label, kind, marked = line.split("\t")
        start = marked.index("[")
        end = marked.index("]") - 1
        text = marked.replace("[", "").replace("]", "")
        cases.append(
            {
                "label": label == "1",
                "abbreviation": kind == "abbreviation",
                "text": text,
                "start": start,
                "end": end,
                "split": "heldout" if zlib.crc32(text.encode()) % 3 == 0 else "train",
                "features": boundaries.edge_features(text, start, end),
            }
        )
    return cases


def score(cases: list[dict], thresholds: dict | str | None = None) -> tuple[float, float, int, int]:
    saved = dict(boundaries.THRESHOLDS)
    if isinstance(thresholds, dict):
        boundaries.THRESHOLDS.update(thresholds)
    try:
        tp = fp = fn = 0
        for c in cases:
            keep = thresholds == "none" or boundaries.decide(c["features"], c["abbreviation"])
            tp += keep and c["label"]
            fp += keep and not c["label"]
            fn += (not keep) and c["label"]
    finally:
        boundaries.THRESHOLDS.clear()
        boundaries.THRESHOLDS.update(saved)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, fp, fn


def _kind(case: dict) -> str:
    f = case["features"]
    return "abbreviation" if case["abbreviation"] else "kana" if f and f.kana else "term"


def _middle_of_best(cases: list[dict]) -> int:
    """The cost limit with fewest errors on ``cases``; among ties, the middle one
    (the widest margin on both sides, not the edge of the training data)."""
    grid = list(range(0, 20001, 250))
    errors = []
    for limit in grid:
        errors.append(sum((c["features"].cost <= limit) != c["label"] for c in cases))
    low = min(errors)
    tied = [g for g, e in zip(grid, errors, strict=True) if e == low]
    return tied[len(tied) // 2]


def tune(train: list[dict]) -> dict:
    """One straddle limit for every kind (it measures how sure MeCab is, whatever the
    term); a contained-in-a-compound limit per kind (term, abbreviation, kana)."""
    checked = [c for c in train if c["features"] and not c["features"].aligned]
    straddle = _middle_of_best([c for c in checked if c["features"].straddle])
    out = {}
    for kind in ("term", "abbreviation", "kana"):
        contained = [c for c in checked if not c["features"].straddle and _kind(c) == kind]
        out[kind] = (straddle, _middle_of_best(contained) if contained else 0)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tune", action="store_true")
    parser.add_argument("--show", action="store_true", help="print every case's features")
    args = parser.parse_args()
    cases = load()
    train = [c for c in cases if c["split"] == "train"]
    held = [c for c in cases if c["split"] == "heldout"]
    thresholds = tune(train) if args.tune else None
    if thresholds:
        print("tuned on train:", thresholds)
    for name, subset in (("train", train), ("heldout", held)):
        p0, r0, _, _ = score(subset, "none")
        p, r, fp, fn = score(subset, thresholds)
        print(
            f"{name:8} n={len(subset):3}  no rule: P={p0:.3f} R={r0:.3f}   "
            f"rule: P={p:.3f} R={r:.3f} (fp={fp}, fn={fn})"
        )
    if args.show:
        for c in cases:
            keep = thresholds == "none" or boundaries.decide(c["features"], c["abbreviation"])
            mark = "" if keep == c["label"] else "  <-- WRONG"
            t = c["text"]
            print(
                c["split"][:5],
                int(c["label"]),
                t[: c["start"]] + "[" + t[c["start"] : c["end"]] + "]" + t[c["end"] :],
                c["features"],
                mark,
            )


if __name__ == "__main__":
    main()
