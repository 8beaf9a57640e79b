"""`tmkit stats`: progress in characters, and leverage bands equal to brute force."""

from __future__ import annotations

import json
import random
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from typer.testing import CliRunner

from tmkit.cli import app
from tmkit.formats.po import write_po
from tmkit.formats.unitview import catalog_units
from tmkit.model import Catalog, Message
from tmkit.ops.stats import BANDS, REPETITIONS, analyse, band_of, lookup_scorer, source_chars
from tmkit.tm.base import TmEntry
from tmkit.tm.memory import MemoryLookup

runner = CliRunner()


def brute_force_bands(messages, entries):
    """Every message against every TM entry, the obvious way."""
    counts = {name: [0, 0] for name, _lo, _hi in BANDS}
    counts[REPETITIONS] = [0, 0]
    seen = set()
    for m in messages:
        key = unicodedata.normalize("NFKC", m.msgid).strip()
        if key in seen:
            band = REPETITIONS
        else:
            seen.add(key)
            if any(e.context == m.msgctxt and e.source == m.msgid for e in entries):
                score = 101
            elif any(e.source == m.msgid for e in entries):
                score = 100
            else:
                q = unicodedata.normalize("NFKC", m.msgid)
                best = max(
                    (fuzz.ratio(q, unicodedata.normalize("NFKC", e.source)) for e in entries),
                    default=0,
                )
                score = int(best) if best >= 50 else 0
            band = band_of(score)
        counts[band][0] += 1
        counts[band][1] += source_chars(m.msgid)
    return counts


SENTENCES = [
    "量子科学技術研究開発機構は2016年に設置された。",
    "量子科学技術研究開発機構は2016年に設立された。",
    "量子科学技術研究開発機構は設置された。",
    "研究成果の最大化を目指したい。",
    "研究成果の最大化を目指す。",
    "ＱＳＴは千葉にある。",
    "QSTは千葉にある。",
    "全く関係のない文です。",
    "HIMACは125m×65mと非常に大型な装置である。",
    "HIMACは非常に大型な装置である。",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=12),
    st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(["a", "b", None])), max_size=8),
    st.randoms(use_true_random=False),
)
def test_leverage_bands_equal_brute_force(queries, tm, rnd):
    messages = [Message(msgid=q, msgctxt=rnd.choice(["a", "b", None])) for q in queries]
    entries = [TmEntry(src, "x", ctx) for src, ctx in tm]
    result = analyse(
        catalog_units(Catalog(messages=messages)), "x.po", lookup_scorer(MemoryLookup(entries))
    )
    expected = brute_force_bands(messages, entries)
    got = {name: [c.segments, c.chars] for name, c in result.leverage.items()}
    assert got == expected


def test_progress_counts_characters_not_words():
    catalog = Catalog(
        messages=[
            Message(msgid="研究成果の最大化", msgstr="Maximising results"),
            Message(msgid="量子 メス", msgstr="Quantum scalpel", flags=["fuzzy"]),
            Message(msgid="未翻訳です"),
            Message(msgid="廃止", msgstr="Obsolete", obsolete=True),
        ]
    )
    p = analyse(catalog_units(catalog), "x.po").progress
    assert (p.translated.segments, p.translated.chars) == (1, 8)
    assert (p.fuzzy.segments, p.fuzzy.chars) == (1, 4)  # the space is not counted
    assert (p.untranslated.segments, p.untranslated.chars) == (1, 5)
    assert (p.total.segments, p.total.chars) == (3, 17)


def test_band_edges():
    table = {
        101: "context",
        100: "100%",
        99: "95-99%",
        95: "95-99%",
        94: "85-94%",
        85: "85-94%",
        84: "75-84%",
        75: "75-84%",
        74: "50-74%",
        50: "50-74%",
        49: "no match",
        0: "no match",
    }
    for score, band in table.items():
        assert band_of(score) == band


def test_cli_json_and_csv(tmp_path):
    po = tmp_path / "t.po"
    tm = tmp_path / "tm.po"
    header = Message(msgid="", msgstr="Language: en\nContent-Type: text/plain; charset=UTF-8\n")
    write_po(
        Catalog(
            header=header,
            messages=[
                Message(msgid=SENTENCES[0], msgctxt="s1"),
                Message(msgid=SENTENCES[3], msgctxt="s2", msgstr="We want to maximise results."),
                Message(msgid=SENTENCES[3], msgctxt="s3"),
            ],
        ),
        po,
    )
    write_po(
        Catalog(
            header=header,
            messages=[
                Message(msgid=SENTENCES[1], msgctxt="t1", msgstr="QST was established in 2016."),
            ],
        ),
        tm,
    )
    result = runner.invoke(app, ["stats", str(po), "--tm", str(tm), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["progress"]["translated"]["segments"] == 1
    assert data["leverage"]["95-99%"]["segments"] == 1 or data["leverage"]["85-94%"]["segments"]
    assert data["leverage"][REPETITIONS]["segments"] == 1
    result = runner.invoke(app, ["stats", str(po), "--format", "csv"])
    assert result.stdout.splitlines()[0] == "group,name,segments,source_chars"
    assert "progress,total,3," in result.stdout


def test_cli_rejects_unknown_format_and_missing_file(tmp_path):
    assert runner.invoke(app, ["stats", str(tmp_path / "no.po")]).exit_code == 2
    po = tmp_path / "e.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n')
    assert runner.invoke(app, ["stats", str(po), "--format", "xml"]).exit_code == 2


def test_random_corpus_against_brute_force():
    rnd = random.Random(7)
    words = ["量子", "科学", "技術", "研究", "開発", "機構", "の", "は", "を", "した", "。"]

    def sentence():
        return "".join(rnd.choice(words) for _ in range(rnd.randint(3, 9)))

    messages = [Message(msgid=sentence(), msgctxt=f"s{i}") for i in range(120)]
    entries = [TmEntry(sentence(), "t", f"s{i}") for i in range(300)]
    result = analyse(
        catalog_units(Catalog(messages=messages)), "x", lookup_scorer(MemoryLookup(entries))
    )
    got = {name: [c.segments, c.chars] for name, c in result.leverage.items()}
    assert got == brute_force_bands(messages, entries)
