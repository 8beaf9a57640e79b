"""The glossary matcher: Japanese source hits, English target hits, the three rules."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmkit.glossary.matcher import GlossaryMatcher
from tmkit.glossary.rules import forbidden, glossary_findings, missing, source_variant
from tmkit.model.glossary import Concept, Glossary, Term
from tmkit.text.normalize import _fold, _fold_clusters, fold_en, fold_ja


def concept(cid: str, *terms: tuple[str, str, str], cs: tuple[str, ...] = ()) -> Concept:
    return Concept(
        cid,
        tuple(Term(text, lang, status, case_sensitive=text in cs) for text, lang, status in terms),
    )


GLOSSARY = Glossary(
    (
        concept(
            "qst",
            ("量子科学技術研究開発機構", "ja", "preferred"),
            ("量研", "ja", "admitted"),
            ("量子機構", "ja", "deprecated"),
            ("QST", "ja", "admitted"),
            ("National Institutes for Quantum Science and Technology", "en", "preferred"),
            ("QST", "en", "admitted"),
            ("National Institute for Quantum Science and Technology", "en", "deprecated"),
            cs=("QST",),
        ),
        concept("kiko", ("機構", "ja", "preferred"), ("organization", "en", "preferred")),
        concept(
            "koyasu",
            ("小安重夫", "ja", "preferred"),
            ("Shigeo Koyasu", "en", "preferred"),
            ("Koyasu Shigeo", "en", "deprecated"),
        ),
        concept(
            "heavy-ion",
            ("重粒子線", "ja", "preferred"),
            ("heavy-ion beam", "en", "preferred"),
            ("heavy particle beam", "en", "deprecated"),
        ),
        concept(
            "heavy-ion-radiotherapy",
            ("重粒子線がん治療", "ja", "preferred"),
            ("heavy-ion radiotherapy", "en", "preferred"),
            ("heavy ion radiotherapy", "en", "deprecated"),
        ),
        concept("jt60", ("JT-60SA", "ja", "preferred"), ("JT-60SA", "en", "preferred")),
        concept("kyoto", ("京都", "ja", "preferred"), ("Kyoto", "en", "preferred")),
        concept("japan", ("日本", "ja", "preferred"), ("Japan", "en", "preferred")),
        concept(
            "facility",
            ("施設", "ja", "preferred"),
            ("facility", "en", "preferred"),
            ("institution", "en", "superseded"),
        ),
        concept(
            "facilities", ("共用施設", "ja", "preferred"), ("user facility", "en", "preferred")
        ),
        concept("president", ("理事長", "ja", "preferred"), ("President", "en", "preferred")),
        concept("synergy", ("シナジー", "ja", "preferred"), ("synergy", "en", "preferred")),
        concept(
            "bio", ("量子生命科学", "ja", "preferred"), ("quantum life science", "en", "preferred")
        ),
    )
)
MATCHER = GlossaryMatcher(GLOSSARY)
MECAB = GlossaryMatcher(GLOSSARY, mecab=True)


def found(matcher: GlossaryMatcher, text: str) -> list[tuple[str, str]]:
    return [(h.concept.id, h.text) for h in matcher.source_hits(text)]


SOURCE_CASES = [
    # whitespace- and width-insensitive; spans point into the original string
    ("小安 重夫理事長", [("koyasu", "小安 重夫"), ("president", "理事長")]),
    ("小安　重夫", [("koyasu", "小安　重夫")]),
    ("ｼﾅｼﾞｰ効果", [("synergy", "ｼﾅｼﾞｰ")]),
    ("ＪＴ‐６０ＳＡ計画", [("jt60", "ＪＴ‐６０ＳＡ")]),
    # longest match wins: 機構 does not fire inside the full name
    ("量子科学技術研究開発機構(QST)", [("qst", "量子科学技術研究開発機構"), ("qst", "QST")]),
    ("機構全体", [("kiko", "機構")]),
    ("重粒子線がん治療装置", [("heavy-ion-radiotherapy", "重粒子線がん治療")]),
    # every source variant of a concept matches
    ("量研と量子機構", [("qst", "量研"), ("qst", "量子機構")]),
    # Latin-script terms: token boundaries only, never in a URL, case-sensitive here
    ("QSTX社", []),
    ("3QST", []),
    ("QST本部", [("qst", "QST")]),
    ("詳細は https://www.qst.go.jp/ を参照", []),
    ("詳細は www.qst.go.jp とQSTへ", [("qst", "QST")]),
    ("連絡先 info@qst.go.jp", []),
    ("qstの", []),
    # substrings: without MeCab, 京都 fires inside 東京都 (list 東京都 to stop it)
    ("東京都の施設", [("kyoto", "京都"), ("facility", "施設")]),
    ("日本語の文書", [("japan", "日本")]),
    ("量子生命科学研究所", [("bio", "量子生命科学")]),
]

MECAB_CASES = [
    # MeCab edges: 京都 inside 東京都, 日本 inside 日本語
    ("東京都の施設", [("facility", "施設")]),
    ("京都の施設", [("kyoto", "京都"), ("facility", "施設")]),
    ("日本語の文書", []),
    ("日本の研究", [("japan", "日本")]),
    # compounds MeCab splits still match: only the edges are checked
    ("量子生命科学研究所", [("bio", "量子生命科学")]),
    ("量子科学技術研究開発機構(QST)", [("qst", "量子科学技術研究開発機構"), ("qst", "QST")]),
    ("小安 重夫理事長", [("koyasu", "小安 重夫"), ("president", "理事長")]),
]


@pytest.mark.parametrize(("text", "expected"), SOURCE_CASES)
def test_source_hits(text, expected):
    assert found(MATCHER, text) == expected
    for hit in MATCHER.source_hits(text):
        assert text[hit.start : hit.end] == hit.text


@pytest.mark.parametrize(("text", "expected"), MECAB_CASES)
def test_source_hits_with_mecab_edges(text, expected):
    assert found(MECAB, text) == expected


def test_mecab_is_off_by_default():
    assert MATCHER.mecab is False


def test_case_insensitive_latin_source_term():
    g = Glossary((concept("iter", ("ITER", "ja", "preferred"), ("ITER", "en", "preferred")),))
    assert [h.text for h in GlossaryMatcher(g).source_hits("フランスのiter計画")] == ["iter"]


def test_terms_that_fold_alike_are_one_hit_with_the_better_status():
    g = Glossary(
        (
            concept(
                "k",
                ("小安 重夫", "ja", "admitted"),
                ("小安重夫", "ja", "preferred"),
                ("Shigeo Koyasu", "en", "preferred"),
            ),
        )
    )
    m = GlossaryMatcher(g)
    assert [(h.term.text, h.term.status) for h in m.source_hits("小安重夫")] == [
        ("小安重夫", "preferred")
    ]
    assert glossary_findings(m, "小安 重夫", "Shigeo Koyasu") == []


def test_a_term_shared_by_two_concepts_hits_both():
    g = Glossary(
        (
            concept("a", ("線量", "ja", "preferred"), ("dose", "en", "preferred")),
            concept("b", ("線量", "ja", "preferred"), ("dosage", "en", "preferred")),
        )
    )
    assert [h.concept.id for h in GlossaryMatcher(g).source_hits("線量")] == ["a", "b"]


def target(concept_id: str, text: str) -> list[tuple[str, str]]:
    hits = MATCHER.target_hits(text, GLOSSARY.concept(concept_id))
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
    return [(h.text, h.status) for h in hits]


TARGET_CASES = [
    # inflection of the last word, possessives
    ("facility", "Two facilities were built.", [("facilities", "preferred")]),
    ("facility", "The facility's staff", [("facility's", "preferred")]),
    ("facility", "the facilities' staff", [("facilities'", "preferred")]),
    ("facility", "a new Institution", [("Institution", "superseded")]),
    ("facilities", "two user facilities", [("user facilities", "preferred")]),
    ("heavy-ion", "heavy-ion beams", [("heavy-ion beams", "preferred")]),
    ("heavy-ion", "heavy ion beam", [("heavy ion beam", "preferred")]),
    ("heavy-ion", "Heavy Particle Beams", [("Heavy Particle Beams", "deprecated")]),
    # a hyphen/space variant listed as deprecated is reported as deprecated
    (
        "heavy-ion-radiotherapy",
        "heavy ion radiotherapy",
        [("heavy ion radiotherapy", "deprecated")],
    ),
    ("heavy-ion-radiotherapy", "heavy-ion radiotherapy", [("heavy-ion radiotherapy", "preferred")]),
    # multi-word terms, curly apostrophes, word boundaries
    ("koyasu", "Shigeo Koyasu’s view", [("Shigeo Koyasu’s", "preferred")]),
    ("koyasu", "Koyasu Shigeo said", [("Koyasu Shigeo", "deprecated")]),
    ("synergy", "synergetic effects", []),
    ("synergy", "synergies", [("synergies", "preferred")]),
    ("president", "the president", [("president", "preferred")]),
    ("president", "vice-presidential", []),
    # case-sensitive acronym, URLs
    ("qst", "QST and QSTs", [("QST", "admitted"), ("QSTs", "admitted")]),
    ("qst", "qst", []),
    ("qst", "see https://www.qst.go.jp/en/ for QST", [("QST", "admitted")]),
    ("jt60", "the JT-60SA tokamak", [("JT-60SA", "preferred")]),
    ("jt60", "JT-60SAX", []),
    (
        "qst",
        "National Institute for Quantum Science and Technology",
        [("National Institute for Quantum Science and Technology", "deprecated")],
    ),
]


@pytest.mark.parametrize(("concept_id", "text", "expected"), TARGET_CASES)
def test_target_hits(concept_id, text, expected):
    assert target(concept_id, text) == expected


def test_check_pair_and_the_rules():
    source = "量子科学技術研究開発機構の小安重夫理事長は重粒子線について語った。"
    good = (
        "NIQST President Shigeo Koyasu, National Institutes for Quantum Science"
        " and Technology, on heavy-ion beams."
    )
    assert glossary_findings(MATCHER, source, good) == []

    bad = (
        "Chairman Koyasu Shigeo of the National Institute for Quantum Science"
        " and Technology on heavy ion beams."
    )
    checks = MATCHER.check_pair(source, bad)
    assert [c.concept.id for c in checks] == ["qst", "koyasu", "president", "heavy-ion"]
    miss = missing(checks, bad)
    assert [(f.rule, f.concept.id) for f in miss] == [
        ("glossary.missing", "qst"),
        ("glossary.missing", "koyasu"),
        ("glossary.missing", "president"),
    ]
    assert miss[0].source_span == (0, 12)
    assert miss[0].expected == ("National Institutes for Quantum Science and Technology", "QST")
    forb = forbidden(checks)
    assert [(f.concept.id, bad[f.target_span[0] : f.target_span[1]]) for f in forb] == [
        ("qst", "National Institute for Quantum Science and Technology"),
        ("koyasu", "Koyasu Shigeo"),
    ]
    assert all(f.severity == "error" for f in miss + forb)
    assert missing(checks, "   ") == []


def test_source_variant_is_info():
    checks = MATCHER.check_pair("量研の施設", "QST facility")
    (finding,) = source_variant(MATCHER, checks)
    assert (finding.rule, finding.severity, finding.expected) == (
        "glossary.source-variant",
        "info",
        ("量子科学技術研究開発機構",),
    )


def test_a_concept_without_target_terms_requires_nothing():
    g = Glossary((concept("x", ("量子", "ja", "preferred")),))
    m = GlossaryMatcher(g)
    (check,) = m.check_pair("量子", "quantum")
    assert check.rendered and check.required == ()


# ---------------------------------------------------------------- folding


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("小安 重夫", "小安重夫"),
        ("QST X", "QST X"),
        ("ＱＳＴ　Ｘ", "QST X"),
        ("ｶﾞｽ", "ガス"),
        ("JT‐60SA", "JT-60SA"),
        ("㈱", "(株)"),
    ],
)
def test_fold_ja(text, folded):
    assert fold_ja(text).text == folded


def test_fold_en_keeps_one_space_per_run_and_folds_apostrophes():
    folded = fold_en("Koyasu’s  heavy‑ion")
    assert folded.text == "Koyasu's heavy-ion"
    assert folded.span(9, 18) == (10, 19)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40), st.booleans())
def test_fast_and_cluster_folding_agree_on_nfkc_text(text, drop_spaces):
    text = unicodedata.normalize("NFKC", text)
    fast, slow = _fold(text, drop_spaces), _fold_clusters(text, drop_spaces)
    assert fast.text == slow.text
    for i in range(len(fast.text)):  # the cluster path may widen a span to a whole cluster
        (f_start, f_end), (s_start, s_end) = fast.span(i, i + 1), slow.span(i, i + 1)
        assert s_start <= f_start < f_end <= s_end


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_fold_ja_offset_map_points_into_the_original(text):
    f = fold_ja(text)
    for i in range(len(f.text)):
        start, end = f.span(i, i + 1)
        assert 0 <= start < end <= len(text)
    for i in range(1, len(f.text)):
        assert f.span(i - 1, i)[0] <= f.span(i, i + 1)[0]


_PIECES = [t.text for c in GLOSSARY for t in c.terms_in("ja")] + [
    "の",
    "X",
    "qst",
    " ",
    "東京",
    "研究",
    "量子",
    "ｼﾅｼﾞｰ",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=8))
def test_fast_path_equals_the_full_resolution(pieces):
    text = "".join(pieces)
    folded = fold_ja(text)
    low = folded.text.lower()
    full = MATCHER._hits(MATCHER._resolve(MATCHER._candidates(low, folded), folded), folded)
    assert MATCHER.source_hits(text) == full
