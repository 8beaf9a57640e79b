"""tmkit score gives sacrebleu's figures and signatures: API, command line, PO, TMX."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.ops.score import score_files

DATA = Path(__file__).parent / "data" / "score"
SACREBLEU = Path(sys.executable).parent / "sacrebleu"


def lines(name: str) -> list[str]:
    with open(DATA / name, encoding="utf-8", newline="\n") as handle:
        return [line.rstrip() for line in handle]


def sacrebleu_metrics(tokenize: str = "13a") -> dict[str, object]:
    return {
        "bleu": BLEU(tokenize=tokenize),
        "chrf": CHRF(),
        "chrfpp": CHRF(word_order=2),
        "ter": TER(),
    }


CASES = [
    # (hypothesis, references, --lang, sacrebleu BLEU tokenizer)
    ("en-hyp.txt", ["en-ref1.txt"], None, "13a"),
    ("en-hyp.txt", ["en-ref1.txt", "en-ref2.txt"], None, "13a"),
    ("en-hyp2.txt", ["en-ref2.txt", "en-ref1.txt"], "en", "13a"),
    ("ja-hyp.txt", ["ja-ref.txt"], "ja", "ja-mecab"),
]


@pytest.mark.parametrize(("hyp", "refs", "lang", "tok"), CASES)
def test_figures_and_signatures_equal_sacrebleu_api(hyp, refs, lang, tok):
    report = score_files(DATA / hyp, [DATA / r for r in refs], lang=lang, workers=1)
    hyps = lines(hyp)
    ref_lines = [lines(r) for r in refs]
    assert report.n_segments == len(hyps)
    for name, metric in sacrebleu_metrics(tok).items():
        expected = metric.corpus_score(hyps, ref_lines)
        got = report.metrics[name]
        assert got.score == expected.score, name  # bit-identical, not just close
        assert got.signature == metric.get_signature().format(), name
        assert got.name == expected.name


def test_japanese_target_uses_ja_mecab_and_english_13a():
    ja = score_files(DATA / "ja-hyp.txt", [DATA / "ja-ref.txt"], lang="ja", metrics=["bleu"])
    en = score_files(DATA / "en-hyp.txt", [DATA / "en-ref1.txt"], metrics=["bleu"])
    assert "tok:ja-mecab-" in ja.metrics["bleu"].signature
    assert "tok:13a" in en.metrics["bleu"].signature
    # and the tokenizer matters: 13a would see each Japanese sentence as one word
    forced = score_files(
        DATA / "ja-hyp.txt", [DATA / "ja-ref.txt"], lang="ja", metrics=["bleu"], tokenize="13a"
    )
    assert forced.metrics["bleu"].score < ja.metrics["bleu"].score
    assert "tok:13a" in forced.metrics["bleu"].signature


def _sacrebleu_cli(hyp: str, refs: list[str], *args: str) -> list[dict[str, object]]:
    cmd = [str(SACREBLEU), *(str(DATA / r) for r in refs), "-i", str(DATA / hyp)]
    done = subprocess.run(
        [*cmd, "-f", "json", "-w", "4", *args], capture_output=True, text=True, check=True
    )
    data = json.loads(done.stdout)
    return data if isinstance(data, list) else [data]


@pytest.mark.skipif(not SACREBLEU.exists(), reason="sacrebleu's command line is not installed")
@pytest.mark.parametrize(("hyp", "refs", "lang", "tok"), CASES)
def test_tmkit_json_equals_sacrebleu_cli(hyp, refs, lang, tok):
    args = ["score", str(DATA / hyp), "--format", "json"]
    for r in refs:
        args += ["--ref", str(DATA / r)]
    if lang:
        args += ["--lang", lang]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    ours = json.loads(result.stdout)["metrics"]
    cli = _sacrebleu_cli(hyp, refs, "-m", "bleu", "chrf", "ter", "--tokenize", tok)
    cli += _sacrebleu_cli(hyp, refs, "-m", "chrf", "--chrf-word-order", "2")
    by_name = {entry["name"]: entry for entry in cli}
    for key, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("chrfpp", "chrF2++"), ("ter", "TER")):
        assert round(ours[key]["score"], 4) == by_name[name]["score"], key
        assert ours[key]["signature"] == by_name[name]["signature"], key


def _po_pairs(hyp: Path, ref: Path) -> tuple[list[str], list[str], int]:
    """The pairs sacrebleu should see: entries of both files by msgctxt (else msgid),
    reference entries that are translated and not fuzzy."""

    def key(e: polib.POEntry) -> str:
        return e.msgctxt if e.msgctxt is not None else e.msgid

    hyp_by_key = {key(e): e.msgstr for e in polib.pofile(str(hyp))}
    hyps, refs = [], []
    for e in polib.pofile(str(ref)):
        if key(e) in hyp_by_key and e.msgstr and "fuzzy" not in e.flags:
            hyps.append(hyp_by_key.pop(key(e)))
            refs.append(e.msgstr)
    return hyps, refs, len(hyps)


@pytest.mark.parametrize(
    ("hyp", "ref", "tok"),
    [("en-hyp.po", "en-ref.po", "13a"), ("ja-hyp.po", "ja-ref.po", "ja-mecab")],
)
def test_po_pair_scored_like_sacrebleu(hyp, ref, tok):
    result = CliRunner().invoke(
        app, ["score", str(DATA / hyp), "--ref", str(DATA / ref), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    hyps, refs, n = _po_pairs(DATA / hyp, DATA / ref)
    assert data["segments_scored"] == n
    for name, metric in sacrebleu_metrics(tok).items():
        # pairing order does not change corpus statistics' sums, so the figure must match
        expected = metric.corpus_score(hyps, [refs])
        assert round(data["metrics"][name]["score"], 4) == round(expected.score, 4), name
        assert data["metrics"][name]["score"] == pytest.approx(expected.score, abs=1e-9)
        assert data["metrics"][name]["signature"] == metric.get_signature().format()


def test_po_pairing_reports_what_does_not_pair():
    report = score_files(DATA / "en-hyp.po", [DATA / "en-ref.po"], metrics=["bleu"])
    found = {(u.label, u.reason, u.missing_from) for u in report.unmatched.units}
    assert found == {
        ("interview.txt:50", "missing", (str(DATA / "en-ref.po"),)),
        ("interview.txt:99", "missing", (str(DATA / "en-hyp.po"),)),
        ("interview.txt:9", "untranslated", (str(DATA / "en-ref.po"),)),
    }
    # the untranslated hypothesis entry is scored (as an empty string), not dropped
    assert report.n_segments == 9
    assert report.language == "en"


def test_tmx_pairs_by_tuid_then_source_text():
    report = score_files(DATA / "en-hyp.tmx", [DATA / "en-ref.tmx"], workers=1)
    hyps, refs = lines("en-hyp.txt")[:10], lines("en-ref1.txt")[:10]
    assert report.n_segments == 10
    assert len(report.unmatched) == 0
    for name, metric in sacrebleu_metrics().items():
        assert report.metrics[name].score == metric.corpus_score(hyps, [refs]).score


def test_tmx_against_po_pairs_by_source_text(tmp_path):
    # PO without msgctxt and TMX without tuid both key on the Japanese source
    ja, ref = lines("ja-ref.txt"), lines("en-ref1.txt")
    po = polib.POFile()
    po.metadata = {"Language": "en", "Content-Type": "text/plain; charset=UTF-8"}
    for i in range(10):
        po.append(polib.POEntry(msgid=ja[i], msgstr=ref[i]))
    po.save(str(tmp_path / "ref.po"))
    text = (DATA / "en-hyp.tmx").read_text(encoding="utf-8")
    for i in range(10):
        text = text.replace(f' tuid="t{i}"', "")
    (tmp_path / "hyp.tmx").write_text(text, encoding="utf-8")
    report = score_files(tmp_path / "hyp.tmx", [tmp_path / "ref.po"], metrics=["chrf"])
    assert report.n_segments == 10
    expected = CHRF().corpus_score(lines("en-hyp.txt")[:10], [ref[:10]]).score
    assert report.metrics["chrf"].score == expected


def test_installed_entry_point_scores_like_the_api():
    exe = str(Path(sys.executable).with_name("tmkit"))
    done = subprocess.run(
        [
            exe,
            "score",
            str(DATA / "en-hyp.txt"),
            "-r",
            str(DATA / "en-ref1.txt"),
            "--format",
            "json",
            "-m",
            "bleu,ter",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert list(data["metrics"]) == ["bleu", "ter"]
    assert (
        data["metrics"]["bleu"]["score"]
        == BLEU().corpus_score(lines("en-hyp.txt"), [lines("en-ref1.txt")]).score
    )


@pytest.mark.parametrize(
    ("texts", "language"),
    [
        (["量子科学技術を通じて新たな価値を創出したい。"], "ja"),
        (["ＱＳＴは2016年に設置された。"], "ja"),
        (["我们希望通过量子科学创造新的价值。"], "zh"),
        (["QST was established in 2016."], None),
        (["QST（量子科学技術研究開発機構）was founded in 2016 as an agency."], None),
        ([""], None),
        ([], None),
    ],
)
def test_language_guess_for_undeclared_files(texts, language):
    from tmkit.scoring.units import guess_language

    assert guess_language(texts) == language


def test_undeclared_japanese_po_gets_ja_mecab(tmp_path):
    for name in ("ja-hyp.po", "ja-ref.po"):
        text = (DATA / name).read_text(encoding="utf-8")
        text = text.replace('"Language: ja\\n"\n', "").replace('"Language: ja_JP\\n"\n', "")
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = score_files(tmp_path / "ja-hyp.po", [tmp_path / "ja-ref.po"], metrics=["bleu"])
    assert report.language == "ja"
    expected = BLEU(tokenize="ja-mecab").corpus_score(lines("ja-hyp.txt"), [lines("ja-ref.txt")])
    assert report.metrics["bleu"].score == expected.score
