"""`tmkit score` on the command line: output shapes, CI, paired tests, segments, errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest
from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.significance import PairedTest
from typer.testing import CliRunner

from tmkit.cli import app

DATA = Path(__file__).parent / "data" / "score"
BAD = Path(__file__).parent / "bad" / "score"


def lines(name: str) -> list[str]:
    return (DATA / name).read_text(encoding="utf-8").splitlines()


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["score", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def _default_seed(monkeypatch):
    # sacrebleu reads SACREBLEU_SEED; the comparisons below rely on its default
    monkeypatch.delenv("SACREBLEU_SEED", raising=False)


def test_text_output_has_every_metric_with_its_signature():
    code, out, _ = run(str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"))
    assert code == 0
    first = out.splitlines()[:4]
    assert [line.split("|", 1)[0] for line in first] == ["BLEU", "chrF2", "chrF2++", "TER"]
    bleu = BLEU()
    expected = bleu.corpus_score(lines("en-hyp.txt"), [lines("en-ref1.txt")])
    # the same line sacrebleu prints: name|signature = score details
    assert first[0] == expected.format(signature=bleu.get_signature().format())
    assert "20 segment(s)" in out and "0 unmatched" in out


def test_json_shape():
    code, out, _ = run(
        str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert set(data["metrics"]) == {"bleu", "chrf", "chrfpp", "ter"}
    for entry in data["metrics"].values():
        assert {"score", "signature"} <= set(entry)
        assert "ci" not in entry
    assert data["unmatched"] == {"count": 0, "by_reason": {}, "units": []}
    assert "segments" not in data


def test_unmatched_lines_are_reported(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("\n".join(lines("en-hyp.txt")[:17]) + "\n", encoding="utf-8")
    code, out, _ = run(
        str(short), "-r", str(DATA / "en-ref1.txt"), "--format", "json", "-m", "bleu"
    )
    assert code == 0
    data = json.loads(out)
    assert data["segments_scored"] == 17
    assert [u["key"] for u in data["unmatched"]["units"]] == ["line 18", "line 19", "line 20"]
    assert data["unmatched"]["units"][0]["missing_from"] == [str(short)]
    expected = BLEU().corpus_score(lines("en-hyp.txt")[:17], [lines("en-ref1.txt")[:17]])
    assert data["metrics"]["bleu"]["score"] == expected.score
    code, text, _ = run(str(short), "-r", str(DATA / "en-ref1.txt"), "-m", "bleu")
    assert "3 unmatched" in text
    assert f"unmatched {DATA / 'en-ref1.txt'}:18: line 18 (missing from {short})" in text


def test_ci_equals_sacrebleu_bootstrap():
    code, out, _ = run(
        str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--ci", "200", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)["metrics"]
    makers = {"bleu": BLEU, "chrf": CHRF, "chrfpp": lambda: CHRF(word_order=2), "ter": TER}
    for name, make in makers.items():
        metric = make()
        expected = metric.corpus_score(lines("en-hyp.txt"), [lines("en-ref1.txt")], n_bootstrap=200)
        ci = data[name]["ci"]
        assert set(ci) == {"mean", "halfwidth", "lower", "upper", "n_bootstrap", "seed"}
        assert ci["mean"] == pytest.approx(float(expected._mean), abs=1e-9)
        assert ci["halfwidth"] == pytest.approx(float(expected._ci), abs=1e-9)
        assert ci["lower"] <= ci["mean"] <= ci["upper"]
        assert (ci["n_bootstrap"], ci["seed"]) == (200, "12345")
        assert data[name]["signature"] == metric.get_signature().format()
        assert "bs:200|seed:12345" in data[name]["signature"]
    code, text, _ = run(
        str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--ci", "50", "-m", "bleu"
    )
    assert "(μ = " in text and " ± " in text


def test_paired_p_values_equal_sacrebleus_paired_test():
    code, out, _ = run(
        str(DATA / "en-hyp.txt"),
        "-r",
        str(DATA / "en-ref1.txt"),
        "--paired",
        str(DATA / "en-hyp2.txt"),
        "-m",
        "bleu,chrf,ter",
        "--format",
        "json",
    )
    assert code == 0
    paired = json.loads(out)["paired"]
    assert paired["baseline"] == str(DATA / "en-hyp.txt")
    assert paired["system"] == str(DATA / "en-hyp2.txt")
    assert paired["segments_scored"] == 20
    systems = [
        (str(DATA / "en-hyp.txt"), lines("en-hyp.txt")),
        (str(DATA / "en-hyp2.txt"), lines("en-hyp2.txt")),
    ]
    refs = [lines("en-ref1.txt")]
    for test_type, key in (("bs", "bootstrap"), ("ar", "randomization")):
        metrics = {"bleu": BLEU(), "chrf": CHRF(), "ter": TER()}
        sigs, scores = PairedTest(systems, metrics, refs, test_type=test_type)()
        for ours, name in (("bleu", "BLEU"), ("chrf", "chrF2"), ("ter", "TER")):
            baseline, system = scores[name]
            got = paired["metrics"][ours]
            assert got["baseline"] == baseline.score
            assert got["system"] == system.score
            assert got[key]["p_value"] == system.p_value
            assert got[key]["signature"] == sigs[name].format()
            if test_type == "bs":
                assert got[key]["system_mean"] == pytest.approx(float(system.mean))
                assert got[key]["baseline_ci"] == pytest.approx(float(baseline.ci))
    # hyp2 is much worse: the tests must see it
    assert paired["metrics"]["bleu"]["bootstrap"]["p_value"] < 0.05
    assert 0 < paired["metrics"]["bleu"]["randomization"]["p_value"] < 0.05


def test_paired_honours_sacrebleu_seed(monkeypatch):
    args = [
        str(DATA / "en-hyp.txt"),
        "-r",
        str(DATA / "en-ref1.txt"),
        "--paired",
        str(DATA / "en-hyp2.txt"),
    ]
    args += ["-m", "chrf", "--format", "json"]
    monkeypatch.setenv("SACREBLEU_SEED", "7")
    data = json.loads(run(*args)[1])["paired"]["metrics"]["chrf"]
    assert "seed:7" in data["bootstrap"]["signature"]


def test_segments_worst_first_with_both_texts():
    code, out, _ = run(
        str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--segments", "--format", "json"
    )
    assert code == 0
    segments = json.loads(out)["segments"]
    assert len(segments) == 20
    bleus = [s["scores"]["bleu"] for s in segments]
    assert bleus == sorted(bleus)
    sentence_bleu = BLEU(effective_order=True)
    for seg in segments:
        n = int(seg["key"].split()[1])
        assert seg["hypothesis"] == lines("en-hyp.txt")[n - 1]
        assert seg["references"] == [lines("en-ref1.txt")[n - 1]]
        expected = sentence_bleu.sentence_score(seg["hypothesis"], seg["references"]).score
        assert seg["scores"]["bleu"] == pytest.approx(expected, abs=1e-12)
        assert (
            seg["scores"]["ter"] == TER().sentence_score(seg["hypothesis"], seg["references"]).score
        )


def test_segments_sorted_by_first_metric_and_ter_worst_is_highest():
    code, out, _ = run(
        str(DATA / "en-hyp.txt"),
        "-r",
        str(DATA / "en-ref1.txt"),
        "--segments",
        "-m",
        "ter,bleu",
        "--format",
        "json",
    )
    ters = [s["scores"]["ter"] for s in json.loads(out)["segments"]]
    assert ters == sorted(ters, reverse=True)
    code, text, _ = run(
        str(DATA / "en-hyp.po"), "-r", str(DATA / "en-ref.po"), "--segments", "-m", "bleu"
    )
    assert code == 0
    block = text.split("Segments, worst first by BLEU")[1]
    # the empty (untranslated) hypothesis is the worst segment, shown with its source
    first_lines = block.splitlines()[1:4]
    assert first_lines[0].startswith("BLEU 0.00  [interview.txt:7")
    assert first_lines[1].startswith("  SRC: 重粒子線治療")
    assert first_lines[2] == "  HYP: "


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            [str(BAD / "not-utf8.txt"), "-r", str(DATA / "en-ref1.txt")],
            "not-utf8.txt:2:4: not UTF-8",
        ),
        ([str(BAD / "empty.txt"), "-r", str(BAD / "empty.txt")], "no units pair up"),
        ([str(BAD / "syntax-error.po"), "-r", str(DATA / "en-ref.po")], "syntax-error.po:6:"),
        ([str(BAD / "truncated.tmx"), "-r", str(DATA / "en-ref.tmx")], "truncated.tmx:3:"),
        (
            [str(BAD / "two-targets.tmx"), "-r", str(DATA / "en-ref.tmx")],
            "several target languages",
        ),
        ([str(DATA / "ja-hyp.po"), "-r", str(DATA / "en-ref.po")], "mismatched target languages"),
        ([str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref.po")], "cannot pair plain text"),
        ([str(DATA / "missing.txt"), "-r", str(DATA / "en-ref1.txt")], "missing.txt: no such file"),
        ([str(DATA / "en-hyp.txt")], "needs at least one --ref"),
        (
            [str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "-m", "meteor"],
            "unknown metric",
        ),
        (
            [str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--tokenize", "x"],
            "unknown tokenizer",
        ),
        ([str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--ci", "1"], "--ci needs"),
        (
            [str(DATA / "en-hyp.txt"), "-r", str(DATA / "en-ref1.txt"), "--format", "xml"],
            "unknown format",
        ),
        ([], "nothing to score"),
    ],
)
def test_unusable_input_is_one_line_and_exit_2(args, message):
    code, _, err = run(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_every_bad_input_file_is_covered():
    tested = {"not-utf8.txt", "empty.txt", "syntax-error.po", "truncated.tmx", "two-targets.tmx"}
    assert {p.name for p in BAD.iterdir() if p.suffix != ".md"} == tested


def test_two_target_tmx_is_fine_with_lang():
    code, out, _ = run(
        str(BAD / "two-targets.tmx"),
        "-r",
        str(BAD / "two-targets.tmx"),
        "--lang",
        "en",
        "--format",
        "json",
        "-m",
        "bleu",
    )
    assert code == 0
    data = json.loads(out)
    # unit b has no English: an empty reference is no reference
    assert data["segments_scored"] == 1
    assert data["unmatched"]["units"][0]["reason"] == "untranslated"


def test_jobs_option_gives_the_same_figures(tmp_path):
    rng = np.random.default_rng(1)
    words = np.array(["we", "create", "new", "value", "with", "quantum", "science", "."])
    hyp = [" ".join(rng.choice(words, 9)) for _ in range(7000)]
    ref = [" ".join(rng.choice(words, 9)) for _ in range(7000)]
    (tmp_path / "h.txt").write_text("\n".join(hyp) + "\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("\n".join(ref) + "\n", encoding="utf-8")
    base = [
        str(tmp_path / "h.txt"),
        "-r",
        str(tmp_path / "r.txt"),
        "-m",
        "bleu,chrf",
        "--format",
        "json",
    ]
    one = json.loads(run(*base, "--jobs", "1")[1])["metrics"]
    two = json.loads(run(*base, "--jobs", "2")[1])["metrics"]
    assert one == two
    assert one["bleu"]["score"] == BLEU().corpus_score(hyp, [ref]).score


def test_environment_is_not_leaking_a_seed():
    assert "SACREBLEU_SEED" not in os.environ
