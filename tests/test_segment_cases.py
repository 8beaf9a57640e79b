"""tmkit's built-in Japanese rules, case by case: input line -> trimmed segments."""

from __future__ import annotations

import pytest

from tmkit.text.segment import Segmenter, default_rules

# (id, line, expected segments after trimming white space incl. U+3000)
CASES: list[tuple[str, str, list[str]]] = [
    # --- plain sentence ends -------------------------------------------------
    ("maru", "今日は晴れだ。明日は雨だ。", ["今日は晴れだ。", "明日は雨だ。"]),
    ("maru-end", "一文だけ。", ["一文だけ。"]),
    ("no-end", "句点のない見出し", ["句点のない見出し"]),
    ("kuten-fw-period", "これは例である．次の例である．", ["これは例である．", "次の例である．"]),
    ("halfwidth-maru", "半角の句点｡次の文｡", ["半角の句点｡", "次の文｡"]),
    ("question", "本当ですか？はい、本当です。", ["本当ですか？", "はい、本当です。"]),
    ("exclaim", "すごい！次に行こう。", ["すごい！", "次に行こう。"]),
    ("run-fw", "本当！？次へ", ["本当！？", "次へ"]),
    ("run-fw-2", "まさか！！そんな。", ["まさか！！", "そんな。"]),
    ("run-qq", "何？？分からない。", ["何？？", "分からない。"]),
    ("hw-exclaim-ja", "すごい!次へ進む。", ["すごい!", "次へ進む。"]),
    ("hw-run-ja", "本当!?次へ進む。", ["本当!?", "次へ進む。"]),
    ("hw-run-bang-period", "最高!!.次へ進む。", ["最高!!.", "次へ進む。"]),
    ("mixed-run", "え！?嘘でしょ。", ["え！?", "嘘でしょ。"]),
    ("hw-question-space", "本当? 次へ進む。", ["本当?", "次へ進む。"]),
    ("question-to", "なぜ？と思うかもしれない。次。", ["なぜ？と思うかもしれない。", "次。"]),
    ("exclaim-tte", "危ない！って叫んだ。次。", ["危ない！って叫んだ。", "次。"]),
    ("question-tokoro", "本当か？ところで次の話。", ["本当か？", "ところで次の話。"]),
    ("yahoo", "Yahoo!ニュースで読んだ。次。", ["Yahoo!ニュースで読んだ。", "次。"]),
    ("emoji-after-end", "楽しい！😊次も行く。", ["楽しい！😊", "次も行く。"]),
    ("stars-after-end", "すごい！☆☆また来ます。", ["すごい！☆☆", "また来ます。"]),
    ("qa-fw", "Ｑ．質問は？Ａ．回答です。", ["Ｑ．質問は？", "Ａ．回答です。"]),
    (
        "qa-fw-numbered",
        "Ｑ１．これは何ですか？Ａ１．ペンです。",
        ["Ｑ１．これは何ですか？", "Ａ１．ペンです。"],
    ),
    ("quote-after-maru", "彼は言った。「行こう。」", ["彼は言った。", "「行こう。」"]),
    ("double-bang-unicode", "やった‼次だ。", ["やった‼", "次だ。"]),
    # --- ellipses -------------------------------------------------------------
    ("ellipsis-maru", "そうか……。分かった。", ["そうか……。", "分かった。"]),
    ("ellipsis-mid", "それは……まあいいか。", ["それは……まあいいか。"]),
    ("ellipsis-only", "えっと……", ["えっと……"]),
    ("ellipsis-bang", "まさか……！嘘だ。", ["まさか……！", "嘘だ。"]),
    ("ellipsis-en", "I waited... Then it came.", ["I waited...", "Then it came."]),
    ("ellipsis-en-lower", "Wait... what was that?", ["Wait... what was that?"]),
    ("ellipsis-hw-ja", "まさか...本当に？", ["まさか...本当に？"]),
    ("leader", "ええと‥‥そうだ。次。", ["ええと‥‥そうだ。", "次。"]),
    # --- quotes -----------------------------------------------------------------
    ("quote-inside", "彼は「行く。」と言った。", ["彼は「行く。」と言った。"]),
    (
        "quote-multi-inside",
        "「行こう。早く。」と彼は言った。",
        ["「行こう。早く。」と彼は言った。"],
    ),
    ("quote-then-maru", "「準備はいいか？」。次へ。", ["「準備はいいか？」。", "次へ。"]),
    ("quote-new-sentence", "「行く。」彼は去った。", ["「行く。」", "彼は去った。"]),
    ("quote-dialogue", "「おはよう。」「おはよう！」", ["「おはよう。」", "「おはよう！」"]),
    (
        "quote-protects-run",
        "「すごい！？本当に」と彼は言った。",
        ["「すごい！？本当に」と彼は言った。"],
    ),
    ("closers-run-particle", "行く。」』と言った。次。", ["行く。」』と言った。", "次。"]),
    ("quote-tte", "「無理だ。」って言われた。", ["「無理だ。」って言われた。"]),
    ("quote-comma", "「行く。」、そう言った。", ["「行く。」、そう言った。"]),
    ("quote-no-maru", "「行く」と言って、去った。", ["「行く」と言って、去った。"]),
    (
        "double-quote",
        "『吾輩は猫である。名前はまだ無い。』は名作だ。",
        ["『吾輩は猫である。名前はまだ無い。』は名作だ。"],
    ),
    (
        "nested-quote",
        "彼は「母が『早く寝なさい。』と言った。」と話した。次。",
        ["彼は「母が『早く寝なさい。』と言った。」と話した。", "次。"],
    ),
    ("curly-quote", "“これは引用です。”と書いてある。", ["“これは引用です。”と書いてある。"]),
    ("corner-then-space", "「行く。」　彼は去った。", ["「行く。」", "彼は去った。"]),
    ("halfwidth-corner", "｢行く。｣と言った。", ["｢行く。｣と言った。"]),
    ("hw-quote-ja", '彼は"量子科学"を軸にした。次。', ['彼は"量子科学"を軸にした。', "次。"]),
    # --- brackets -------------------------------------------------------------
    ("paren-fw", "結果（詳細は後述。）を示す。", ["結果（詳細は後述。）を示す。"]),
    ("paren-hw", "結果(詳細は後述。)を示す。", ["結果(詳細は後述。)を示す。"]),
    ("lenticular", "【速報。重要。】本日発表。", ["【速報。重要。】", "本日発表。"]),
    ("angle", "〈注意。危険。〉に従う。", ["〈注意。危険。〉に従う。"]),
    ("double-angle", "《これは題。副題。》を読む。", ["《これは題。副題。》を読む。"]),
    ("square-fw", "［編集部注。後日訂正。］とある。", ["［編集部注。後日訂正。］とある。"]),
    ("tortoise", "〔補足。〕を参照。次。", ["〔補足。〕を参照。", "次。"]),
    (
        "nested-brackets",
        "（注：「行く。」と（本当に。）言った。）とある。",
        ["（注：「行く。」と（本当に。）言った。）とある。"],
    ),
    (
        "paren-sentence-after",
        "次の点に注意（重要。）。以上。",
        ["次の点に注意（重要。）。", "以上。"],
    ),
    (
        "paren-closer-then-new",
        "（これは補足である。）次の文である。",
        ["（これは補足である。）", "次の文である。"],
    ),
    # --- unmatched brackets and footnote markers -------------------------------
    (
        "footnote-marker",
        "RIビームファクトリー(RIBF)注1)が、不安定核を対象とする加速器である。次の文。",
        ["RIビームファクトリー(RIBF)注1)が、不安定核を対象とする加速器である。", "次の文。"],
    ),
    (
        "footnote-start",
        "注1)RIビームファクトリーは装置。世界最大である。",
        ["注1)RIビームファクトリーは装置。", "世界最大である。"],
    ),
    (
        "footnote-after-end",
        "装置JT-60注2)は成功した。その後終了した。",
        ["装置JT-60注2)は成功した。", "その後終了した。"],
    ),
    (
        "unmatched-open",
        "(未完の括弧。次の文。最後の文。",
        ["(未完の括弧。", "次の文。", "最後の文。"],
    ),
    ("unmatched-open-fw", "「閉じない引用。次の文。", ["「閉じない引用。", "次の文。"]),
    ("unmatched-close", "1)準備する。2)実行する。", ["1)準備する。", "2)実行する。"]),
    (
        "unmatched-then-pair",
        "注3)では（後述。）とした。次。",
        ["注3)では（後述。）とした。", "次。"],
    ),
    (
        "list-number",
        "  1. 注1)RIビームファクトリーは装置。世界でも珍しい。",
        ["1. 注1)RIビームファクトリーは装置。", "世界でも珍しい。"],
    ),
    (
        "mixed-parens",
        "PET(positron emission tomography陽電子放出断層撮影)装置は重要だ。次。",
        ["PET(positron emission tomography陽電子放出断層撮影)装置は重要だ。", "次。"],
    ),
    # --- numbers, URLs, e-mail ------------------------------------------------------
    ("decimal", "円周率は3.14である。次。", ["円周率は3.14である。", "次。"]),
    ("decimal-fw", "円周率は３．１４である。次。", ["円周率は３．１４である。", "次。"]),
    ("decimal-mixed", "値は3．5です。次。", ["値は3．5です。", "次。"]),
    ("version", "Python 3.11.4を使う。次。", ["Python 3.11.4を使う。", "次。"]),
    (
        "units",
        "HIMACは125m×65mと大型だ。3GeVの施設もある。",
        ["HIMACは125m×65mと大型だ。", "3GeVの施設もある。"],
    ),
    ("thousands", "約1,300人が在籍。約50人が外国人。", ["約1,300人が在籍。", "約50人が外国人。"]),
    (
        "url",
        "QSTホームページ: https://www.qst.go.jp/ を参照。次。",
        ["QSTホームページ: https://www.qst.go.jp/ を参照。", "次。"],
    ),
    (
        "url-path",
        "詳細はwww.example.com/a.htmlにある。次。",
        ["詳細はwww.example.com/a.htmlにある。", "次。"],
    ),
    (
        "url-query",
        "https://example.com/search?q=日本&x=1を開く。次。",
        ["https://example.com/search?q=日本&x=1を開く。", "次。"],
    ),
    (
        "url-then-maru",
        "詳しくはhttps://www.qst.go.jp/。次。",
        ["詳しくはhttps://www.qst.go.jp/。", "次。"],
    ),
    (
        "url-end-en",
        "See www.example.com/a.html. It has more.",
        ["See www.example.com/a.html.", "It has more."],
    ),
    ("email", "連絡先はinfo@qst.go.jpです。次。", ["連絡先はinfo@qst.go.jpです。", "次。"]),
    (
        "email-en",
        "Write to john.doe@example.co.jp. We reply fast.",
        ["Write to john.doe@example.co.jp.", "We reply fast."],
    ),
    # --- abbreviations ------------------------------------------------------------------
    ("us-ja", "U.S.の研究所と連携した。次。", ["U.S.の研究所と連携した。", "次。"]),
    ("eg-ja", "e.g.などの略語がある。次。", ["e.g.などの略語がある。", "次。"]),
    ("ie-ja", "つまりi.e.で言い換える。次。", ["つまりi.e.で言い換える。", "次。"]),
    ("dr-ja", "Dr. 山田が来た。次。", ["Dr. 山田が来た。", "次。"]),
    ("en-mr", "Mr. Smith arrived. He sat down.", ["Mr. Smith arrived.", "He sat down."]),
    ("en-dr", "Dr. Watson is here. Call him.", ["Dr. Watson is here.", "Call him."]),
    ("en-eg", "Use a tool, e.g. A hammer works.", ["Use a tool, e.g. A hammer works."]),
    (
        "en-ie",
        "The result, i.e. The final one, was good.",
        ["The result, i.e. The final one, was good."],
    ),
    (
        "en-etc",
        "We bought apples, pears, etc. and went home.",
        ["We bought apples, pears, etc. and went home."],
    ),
    (
        "en-etc-end",
        "We bought apples, pears, etc. Then we left.",
        ["We bought apples, pears, etc.", "Then we left."],
    ),
    (
        "en-vs",
        "It was Japan vs. Korea in the final. Japan won.",
        ["It was Japan vs. Korea in the final.", "Japan won."],
    ),
    ("en-no", "See No. 5 for details. It is short.", ["See No. 5 for details.", "It is short."]),
    (
        "en-fig",
        "As shown in Fig. 3, it grows. It stops later.",
        ["As shown in Fig. 3, it grows.", "It stops later."],
    ),
    (
        "en-us-lower",
        "The U.S. economy grew. It was good.",
        ["The U.S. economy grew.", "It was good."],
    ),
    ("en-us-end", "He moved to the U.S. He liked it.", ["He moved to the U.S.", "He liked it."]),
    ("en-initial", "J. Smith wrote it. He was right.", ["J. Smith wrote it.", "He was right."]),
    ("en-am", "We met at 9 a.m. and left at noon.", ["We met at 9 a.m. and left at noon."]),
    (
        "en-phd",
        "She has a Ph.D. in physics. She teaches.",
        ["She has a Ph.D. in physics.", "She teaches."],
    ),
    (
        "en-etal",
        "Smith et al. reported it. Others agreed.",
        ["Smith et al. reported it.", "Others agreed."],
    ),
    ("fw-initials", "Ｕ．Ｓ．の研究所と連携した。次。", ["Ｕ．Ｓ．の研究所と連携した。", "次。"]),
    ("fw-letter-end", "ビタミンＣ．次の話題．", ["ビタミンＣ．", "次の話題．"]),
    ("fw-list", "１．はじめに", ["１．はじめに"]),
    # --- embedded English ---------------------------------------------------------------
    ("en-two", "It started in 2020. It worked.", ["It started in 2020.", "It worked."]),
    ("en-question", "Is it true? Yes, it is.", ["Is it true?", "Yes, it is."]),
    ("en-exclaim", "Great! Let us go.", ["Great!", "Let us go."]),
    ("en-lower-after-q", "He asked why? and left.", ["He asked why? and left."]),
    ("en-quote", 'He said, "It works." Then he left.', ['He said, "It works."', "Then he left."]),
    ("en-quote-lower", '"Stop!" he shouted.', ['"Stop!" he shouted.']),
    (
        "en-paren",
        "It failed (see below.) Then it worked.",
        ["It failed (see below.)", "Then it worked."],
    ),
    (
        "en-paren-inside",
        "It failed (as expected. Sadly.) and stopped.",
        ["It failed (as expected. Sadly.) and stopped."],
    ),
    (
        "en-digit-next",
        "It ended in 2020. 2021 was better.",
        ["It ended in 2020.", "2021 was better."],
    ),
    ("en-upper-then-ja", "It is OK. 次へ進む。", ["It is OK.", "次へ進む。"]),
    ("en-abbr-then-ja", "Apple Inc. の製品だ。次。", ["Apple Inc. の製品だ。", "次。"]),
    ("en-usa-then-ja", "U.S.A. の大学で学んだ。次。", ["U.S.A. の大学で学んだ。", "次。"]),
    ("en-then-ja", "It worked. 次は日本語の文です。", ["It worked.", "次は日本語の文です。"]),
    (
        "ja-then-en",
        "日本語の文です。It is English. And more.",
        ["日本語の文です。", "It is English.", "And more."],
    ),
    ("en-in-ja", '彼は"It is fine."と言った。次。', ['彼は"It is fine."と言った。', "次。"]),
    (
        "en-in-corner",
        "標語は「Think globally. Act locally.」である。",
        ["標語は「Think globally. Act locally.」である。"],
    ),
    ("en-list", "1. It started. 2. It ended.", ["1. It started.", "2. It ended."]),
    (
        "en-date-end",
        "It was released on Jan. 5. It was buggy.",
        ["It was released on Jan. 5.", "It was buggy."],
    ),
    ("en-qa", "Q. What is it? A. It is a pen.", ["Q. What is it?", "A. It is a pen."]),
    ("en-curly", "“Yes.” “No.”", ["“Yes.”", "“No.”"]),
    ("en-price", "The price is $3.50. That is cheap.", ["The price is $3.50.", "That is cheap."]),
    (
        "en-us-noun",
        "The U.S. Department of Energy funded it. It worked.",
        ["The U.S. Department of Energy funded it.", "It worked."],
    ),
    ("en-us-mid", "I live in the U.S. and Japan.", ["I live in the U.S. and Japan."]),
    (
        "en-mt",
        "Mt. Fuji is high. It is 3,776 m tall.",
        ["Mt. Fuji is high.", "It is 3,776 m tall."],
    ),
    ("no-ja", "彼はNo. 1の選手だ。次。", ["彼はNo. 1の選手だ。", "次。"]),
    # --- white space ------------------------------------------------------------------
    ("ideographic-space", "最初の文。　次の文。", ["最初の文。", "次の文。"]),
    ("trailing-space", "最初の文。次の文。　", ["最初の文。", "次の文。"]),
    ("leading-space", "　最初の文。次の文。", ["最初の文。", "次の文。"]),
    ("spaces-between", "最初の文。  次の文。", ["最初の文。", "次の文。"]),
    ("tab-between", "First one.\tSecond one.", ["First one.", "Second one."]),
    (
        "dash-heading",
        "── 今年4月に着任されました。QSTの現状についてお聞かせください",
        ["── 今年4月に着任されました。", "QSTの現状についてお聞かせください"],
    ),
]


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(default_rules("ja"))


def _trimmed(pieces: list[str]) -> list[str]:
    return [piece.strip(" \t\u3000\u00a0") for piece in pieces]


@pytest.mark.parametrize(("line", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_case(segmenter: Segmenter, line: str, expected: list[str]) -> None:
    pieces = segmenter.split(line)
    assert "".join(pieces) == line
    assert _trimmed(pieces) == expected


def test_table_is_large_and_ids_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) >= 60
    assert len(set(ids)) == len(ids)


def test_english_rules_alone() -> None:
    english = Segmenter(default_rules("en"))
    assert _trimmed(english.split("Mr. Smith arrived. He sat down!  Then? no.")) == [
        "Mr. Smith arrived.",
        "He sat down!",
        "Then? no.",
    ]
    # The English set has no Japanese sentence ends.
    assert english.split("今日は晴れ。明日は雨。") == ["今日は晴れ。明日は雨。"]
