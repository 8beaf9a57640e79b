"""Each QA rule: its true positives and its known traps, as tables of pairs."""

from __future__ import annotations

import pytest

from tmkit.checks import CHECKS, CheckContext, iter_checks
from tmkit.checks.run import run_checks
from tmkit.model.units import State, Unit


def rules_for(
    source: str, target: str, *, fuzzy: bool = False, rule: str | None = None
) -> set[str]:
    pair = Unit(source, target, "u", state=State.FUZZY if fuzzy else State.TRANSLATED)
    found = {f.rule for f in run_checks([pair], CheckContext())}
    return {r for r in found if rule is None or r == rule}


# (rule, source, target) that must fire
TRUE_POSITIVES = [
    ("untranslated", "未翻訳です。", ""),
    ("same-as-source", "そのままです。", "そのままです。"),
    ("latin.mismatch", "NIRSの歴史。", "The institute's history."),
    ("latin.mismatch", "詳細は https://www.qst.go.jp/about/ へ。", "See our website."),
    ("latin.mismatch", "連絡は press@qst.go.jp へ。", "Contact the press office."),
    ("latin.mismatch", "JT-60SAの情報。", "See https://www.jt60sa.org/."),
    ("latin.mismatch", "QSTの研究者。", "A researcher at qst."),
    ("japanese.leftover", "重要です。", "It is important。"),
    ("japanese.leftover", "研究、教育。", "Research、education."),
    ("japanese.leftover", "「未来」。", "「The future」."),
    ("japanese.leftover", "目標：実現。", "Goal：realization."),
    ("japanese.leftover", "データです。", "It is ﾃﾞｰﾀ."),
    ("punctuation.end", "前進します。", "We move forward"),
    ("punctuation.end", "どう思いますか？", "What do you think"),
    ("punctuation.end", "「楽しい。」と言った。", '"Fun," she said'),
    ("brackets.unbalanced", "データ（速報）です。", "The data (preliminary."),
    ("brackets.unbalanced", "結果（図1）です。", "The results (Figure 1))."),
    ("brackets.unbalanced", "条件［温度］。", "The condition [temperature."),
    ("quotes.unbalanced", "「未来」です。", 'It is "the future.'),
    ("quotes.unbalanced", "「夢」です。", "It is “dreams."),
    ("quotes.unbalanced", "「夢」です。", "It is dreams”."),
    ("whitespace", "続けます。", "We will  continue."),
    ("whitespace", "新しい。", " It is new."),
    ("whitespace", "長い。", "It is long. "),
    (
        "length.ratio",
        "量子科学技術の研究開発を通じて社会に貢献することが使命です。",
        "Our mission.",
    ),
    (
        "length.ratio",
        "研究は楽しいです。",
        "Research is fun, and I have always felt that way ever since "
        "I was a small child growing up in a little town near the sea.",
    ),
    ("pofilter.printf", "%d件あります。", "There are some."),
    ("pofilter.xmltags", "<b>重要</b>です。", "It is important."),
    ("pofilter.doublewords", "問題です。", "It is the the problem."),
    ("pofilter.newlines", "一行目\n二行目", "Line one, line two."),
]


@pytest.mark.parametrize(("rule", "source", "target"), TRUE_POSITIVES)
def test_rule_fires(rule: str, source: str, target: str) -> None:
    assert rule in rules_for(source, target)


# (rule, source, target) that must stay silent: the known traps
TRAPS = [
    ("same-as-source", "ITER", "ITER"),
    ("same-as-source", "2023", "2023"),
    ("latin.mismatch", "ＱＳＴのサイト。", "The QST site."),
    ("latin.mismatch", "3GeVの電子。", "Electrons at 3 GeV."),
    ("latin.mismatch", "NPOと協力。", "We work with NPOs."),
    ("latin.mismatch", "iPS細胞。", "iPS-cell research."),
    ("latin.mismatch", "詳細は https://www.qst.go.jp/ へ。", "See https://www.qst.go.jp."),
    ("latin.mismatch", "%d件の<b>結果</b>。", "%d <b>results</b>."),
    ("japanese.leftover", "そのままです。", "そのままです。"),  # same-as-source reports it
    ("japanese.leftover", "量子です。", "It is quantum … and more."),
    ("punctuation.end", "「そうですね。」", '"I see."'),
    ("punctuation.end", "彼は言った。「前進だ。」", "He said, “Forward.”"),
    ("punctuation.end", "研究の将来について", "On the future of research"),
    ("punctuation.end", "本当ですか？", "Really?"),
    ("punctuation.end", "すごい！", "Amazing!"),
    ("brackets.unbalanced", "1）安全、2）品質。", "1) safety, 2) quality."),
    ("brackets.unbalanced", "（続き", "(continued"),  # the source leaves it open too
    ("quotes.unbalanced", "「量子」が好き。", "I like “quantum.”"),
    ("quotes.unbalanced", "「挑戦」です。", '"Challenge" it is.'),
    ("quotes.unbalanced", "「これは長い引用の", '"This is the start of a long quote'),
    ("whitespace", "一文目。二文目。", "First. Second."),
    ("pofilter.printf", "約40%の削減。", "A 40% cut."),
    ("pofilter.printf", "%d件。", "%d items."),
    ("pofilter.doublewords", "決めていた。", "He had had enough."),
    ("length.ratio", "はい。", "Yes, certainly, that is completely right."),
    (
        "length.ratio",
        "詳細は https://www.qst.go.jp/site/about/ にあります。",
        "The details are on our site.",
    ),
    ("untranslated", "下書き。", ""),  # fuzzy and empty: the fuzzy rule speaks
]


@pytest.mark.parametrize(("rule", "source", "target"), TRAPS)
def test_rule_trap_stays_silent(rule: str, source: str, target: str) -> None:
    fuzzy = rule == "untranslated"
    assert rule not in rules_for(source, target, fuzzy=fuzzy)


def test_fuzzy_rule() -> None:
    assert "fuzzy" in rules_for("下書き。", "A draft.", fuzzy=True)
    assert "fuzzy" not in rules_for("下書き。", "A draft.")


def test_consistency_rules() -> None:
    pairs = [
        Unit("ご清聴ありがとうございました。", "Thank you for listening.", "a"),
        Unit("ご清聴ありがとうございました。", "Thank you for your attention.", "b"),
        Unit("よろしくお願いします。", "Thank you in advance.", "c"),
        Unit("よろしくお願いします。", "Thank you in advance.", "d"),
        Unit("それは大きな課題です。", "That is a major challenge.", "e"),
        Unit("それは大きな問題です。", "That is a major challenge.", "f"),
        Unit("はい。", "Yes.", "g"),  # short targets: many sources rightly share them
        Unit("ええ。", "Yes.", "h"),
        Unit("ＱＳＴです。", "It is QST.", "i"),  # width-folded sources are one source
        Unit("QSTです。", "It is QST.", "j"),
        Unit("未訳です。", "", "k"),
        Unit("未訳です。", "Not yet.", "l", state=State.FUZZY),  # fuzzy does not take part
    ]
    found = run_checks(pairs, CheckContext(), select=["consistency"])
    by_rule = {(f.rule, f.unit) for f in found}
    assert by_rule == {
        ("consistency.target", "a"),
        ("consistency.target", "b"),
        ("consistency.source", "e"),
        ("consistency.source", "f"),
    }


def test_every_rule_has_id_severity_summary() -> None:
    checks = list(iter_checks())
    assert len(checks) == len(CHECKS) >= 20
    for c in checks:
        assert c.severity in ("error", "warning", "info")
        assert c.summary and "\n" not in c.summary


def test_suppression_by_rule_and_family() -> None:
    pair = Unit(
        "予算は2000万円です。", "The budget is 2 million yen", "u", ignored=frozenset({"number"})
    )
    rules = {f.rule for f in run_checks([pair], CheckContext())}
    assert "number.mismatch" not in rules
    assert "punctuation.end" in rules
    pair = Unit(
        "予算は2000万円です。", "The budget is 2 million yen", "u", ignored=frozenset({"all"})
    )
    assert run_checks([pair], CheckContext()) == []


def test_select_and_ignore() -> None:
    pair = Unit("予算は2000万円です。", "The budget is 2 million yen", "u")
    assert {f.rule for f in run_checks([pair], select=["number"])} == {"number.mismatch"}
    assert "number.mismatch" not in {f.rule for f in run_checks([pair], ignore=["number.mismatch"])}


def test_source_variant_ignores_spellings_that_fold_to_the_preferred_term() -> None:
    from tmkit.checks.glossary import build_matcher
    from tmkit.model.glossary import Concept, Glossary, Term

    glossary = Glossary(
        (
            Concept(
                "koyasu",
                (
                    Term("小安重夫", "ja", "preferred"),
                    Term("小安 重夫", "ja", "admitted"),
                    Term("Shigeo Koyasu", "en", "preferred"),
                ),
            ),
        )
    )
    ctx = CheckContext(glossary=build_matcher(glossary))
    found = run_checks([Unit("小安重夫です。", "I am Shigeo Koyasu.", "u")], ctx)
    assert found == []
