# ruff: noqa: E501  (a table of literal pages: one case per line reads best)
"""The extraction cases for the HTML and Markdown filters: (name, what it shows, source).

Each case has golden files in tests/data/html/ or tests/data/markdown/:
``NAME.segments`` (the segments a translator sees, one per line, in the PO's
markup form) and ``NAME.en.html`` / ``NAME.en.md`` (the page rebuilt with the
pseudo-translation of `tests.markup_cases.pseudo`). Regenerate with
``TMKIT_REGEN=1 pytest tests/test_markup_cases.py`` and review the diff.
"""

from __future__ import annotations

import re

from tmkit.model.memory import content_to_markup

_WORD = re.compile(r"(\w)")


def pseudo(text: str) -> str:
    """A reversible "translation": ǂ after every word character; whitespace and
    punctuation (so sentence breaks) are untouched."""
    return _WORD.sub(r"\1ǂ", text)


def translate_content(content) -> str:
    return content_to_markup(tuple(pseudo(p) if isinstance(p, str) else p for p in content))


def translate_segment(seg) -> str:
    if seg.content is None:
        return pseudo(seg.text)
    return translate_content(seg.content)


def _page(body: str) -> str:
    return f'<!DOCTYPE html>\n<html lang="ja">\n<body>\n{body}\n</body>\n</html>\n'


HTML_CASES: list[tuple[str, str, str]] = [
    (
        "back-link",
        "a back link after a space stays outside; an image touching text stays in",
        _page(
            '<ol><li id="n1">説明。 <a href="#r1" translate="no">↩</a></li></ol>'
            '<p><img src="i.png" alt="">お知らせ。</p>'
        ),
    ),
    ("plain-paragraph", "one sentence", _page("<p>これは文です。</p>")),
    ("two-sentences", "SRX splits inside a block", _page("<p>一つ目の文。二つ目の文。</p>")),
    ("heading", "h1 is the title", _page("<h1>大見出し</h1>\n<h2>小見出し</h2>")),
    (
        "title-element",
        "<title> is a block",
        '<html lang="ja"><head><title>ページ名</title></head><body><p>本文。</p></body></html>\n',
    ),
    ("bold-inside", "paired code", _page("<p>これは<b>太字</b>です。</p>")),
    (
        "strong-whole",
        "a tag wrapping the whole block stays outside",
        _page("<p><strong>全部太字の文。</strong></p>"),
    ),
    (
        "strong-two-sentences",
        "wrapping tag trimmed, sentences split",
        _page("<p><strong>一文目。二文目。</strong></p>"),
    ),
    ("em-nested", "nested pairs", _page("<p>これは<em>とても<b>大事</b>な</em>話です。</p>")),
    (
        "link",
        "a link is a pair; its URL in the code",
        _page('<p>詳細は<a href="https://example.jp/a?b=1&amp;c=2">こちら</a>をご覧ください。</p>'),
    ),
    (
        "link-title",
        "title attribute is its own segment",
        _page('<p>詳細は<a href="x.html" title="説明ページ">こちら</a>。</p>'),
    ),
    (
        "span-crossing",
        "a span over a sentence break keeps them together",
        _page("<p>前の文。<span>後ろの文。さらに</span>続き。</p>"),
    ),
    ("br-inside", "br is a placeholder", _page("<p>一行目<br>二行目です。</p>")),
    ("br-trailing", "a trailing br stays outside", _page("<p>文です。<br></p>")),
    (
        "img-alt",
        "img is a placeholder, alt translated",
        _page('<p>図<img src="a.png" alt="装置の写真">を示す。</p>'),
    ),
    (
        "img-alone",
        "an image alone: only its alt",
        _page('<p><img src="a.png" alt="建物の外観"></p>'),
    ),
    ("img-no-alt", "nothing to translate", _page('<p><img src="a.png"></p>')),
    ("sup-sub", "sup and sub are codes", _page("<p>H<sub>2</sub>Oと10<sup>3</sup>の話。</p>")),
    (
        "abbr",
        "abbr with title",
        _page('<p><abbr title="量子科学技術研究開発機構">QST</abbr>は研究所です。</p>'),
    ),
    (
        "inline-code",
        "inline code is one placeholder",
        _page("<p>関数<code>run()</code>を呼ぶ。</p>"),
    ),
    ("kbd", "kbd left alone", _page("<p><kbd>Ctrl</kbd>キーを押す。</p>")),
    (
        "small-mark-q",
        "more inline codes",
        _page("<p><small>注記</small>と<mark>強調</mark>と<q>引用</q>。</p>"),
    ),
    (
        "ruby",
        "ruby base translated, reading dropped",
        _page("<p>量子<ruby>量子<rt>りょうし</rt></ruby>の話。</p>"),
    ),
    (
        "ruby-rb",
        "rb is a code, rt dropped",
        _page("<p><ruby><rb>大阪</rb><rt>おおさか</rt></ruby>の町。</p>"),
    ),
    (
        "legacy-upper-case",
        "upper-case tags, unquoted attributes, implied ends",
        "<HTML><BODY BGCOLOR=#fff><CENTER><FONT SIZE=+2><B>お知らせ</B></FONT></CENTER>"
        "<TABLE><TR><TD NOWRAP>日付<TD>内容</TABLE><P>一<BR>二。<P>三</BODY></HTML>\n",
    ),
    (
        "ruby-rp",
        "rp dropped too",
        _page("<p><ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>を読む。</p>"),
    ),
    (
        "entities",
        "entities decoded for translators",
        _page("<p>A&amp;B社と&lt;記号&gt;の&quot;話&quot;。</p>"),
    ),
    ("char-refs", "numeric references decoded", _page("<p>&#x3042;&#12356;うえお。</p>")),
    ("nbsp", "no-break space kept as &nbsp;", _page("<p>10&nbsp;kmの距離。</p>")),
    (
        "entity-untranslated",
        "an untranslated block keeps its entities",
        _page('<p translate="no">&copy; 2023</p>'),
    ),
    (
        "script",
        "script left alone",
        _page("<script>var s = '<p>日本語</p>';</script>\n<p>本文。</p>"),
    ),
    (
        "style",
        "style left alone",
        _page("<style>p::before { content: '注'; }</style>\n<p>本文。</p>"),
    ),
    ("template", "template left alone", _page("<template><p>雛形。</p></template>\n<p>本文。</p>")),
    ("pre", "pre left alone", _page("<pre>  そのまま\n  改行も</pre>\n<p>本文。</p>")),
    ("pre-code", "code block left alone", _page("<pre><code>print('日本')</code></pre>")),
    ("comment", "comments left alone", _page("<!-- 注釈 -->\n<p>本文<!-- 中 -->です。</p>")),
    (
        "translate-no-block",
        "translate=no block",
        _page('<p translate="no">訳さない。</p>\n<p>訳す。</p>'),
    ),
    (
        "translate-no-inline",
        "translate=no inline: one placeholder",
        _page('<p>製品<span translate="no">タマゴ</span>を使う。</p>'),
    ),
    (
        "notranslate-class",
        "class notranslate",
        _page('<p>名前は<span class="notranslate">山田</span>です。</p>'),
    ),
    (
        "notranslate-div",
        "class notranslate on a block",
        _page('<div class="notranslate"><p>全部そのまま。</p></div>\n<p>訳す。</p>'),
    ),
    (
        "nested-lists",
        "list items are blocks",
        _page(
            "<ul>\n  <li>項目一。\n    <ul>\n      <li>入れ子。</li>\n    </ul>\n  </li>\n  <li>項目二。</li>\n</ul>"
        ),
    ),
    ("ordered-list", "ol", _page("<ol><li>最初。</li><li>次。</li></ol>")),
    (
        "table",
        "cells are blocks",
        _page(
            "<table>\n<caption>表の題</caption>\n<tr><th>名前</th><th>値</th></tr>\n<tr><td>長さ</td><td>10m</td></tr>\n</table>"
        ),
    ),
    ("dl", "definition list", _page("<dl><dt>用語</dt><dd>説明です。</dd></dl>")),
    ("blockquote", "blockquote", _page("<blockquote><p>引用文です。</p></blockquote>")),
    (
        "figure",
        "figcaption is a caption",
        _page('<figure><img src="x.jpg" alt="写真"><figcaption>本部の正門</figcaption></figure>'),
    ),
    ("div-text", "text directly in a div", _page("<div>直接の文。<b>太字</b>も。</div>")),
    (
        "implied-p-end",
        "an unclosed p ends at the next block",
        _page("<p>一つ目\n<p>二つ目\n<div>三つ目</div>"),
    ),
    ("unclosed-li", "unclosed li", _page("<ul><li>一<li>二</ul>")),
    (
        "whitespace",
        "whitespace collapsed for translators, indentation kept",
        _page("<p>\n    長い段落の\n    途中で改行。 English   words\n    here.\n  </p>"),
    ),
    (
        "cjk-newline",
        "a line break between CJK characters goes",
        _page("<p>日本語の文が\n続く。</p>"),
    ),
    ("english-source", "Latin text", _page("<p>This is <em>one</em> sentence. And another.</p>")),
    (
        "meta-description",
        "meta description translated",
        '<html lang="ja"><head><meta name="description" content="ページの説明。"><meta name="viewport" content="width=device-width"></head><body><p>本文。</p></body></html>\n',
    ),
    (
        "aria-label",
        "aria-label translated",
        _page('<nav aria-label="メイン"><a href="/">ホーム</a></nav>'),
    ),
    (
        "placeholder",
        "input placeholder",
        _page(
            '<form><input type="text" placeholder="名前を入力"><input type="submit" value="送信"></form>'
        ),
    ),
    ("button", "button text", _page("<p><button>押す</button>と始まる。</p>")),
    (
        "lang-attributes",
        "lang=ja becomes lang=en; other languages stay",
        '<html lang="ja" xml:lang="ja"><body><p>日本語と<span lang="fr">merci</span>と<span lang="ja-JP">日本</span>。</p></body></html>\n',
    ),
    (
        "xhtml",
        "XHTML with XML declaration and self-closing tags",
        '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ja" lang="ja"><body><p>一行<br/>二行。</p></body></html>\n',
    ),
    (
        "stray-end-tag",
        "a close tag with nothing to close is kept as a code",
        _page("<p>文</b>です。</p>"),
    ),
    (
        "unclosed-inline",
        "an inline tag never closed becomes a placeholder",
        _page("<p>これは<b>閉じない。</p><p>次。</p>"),
    ),
    ("misnested", "misnested inline tags", _page("<p>これは<b>太<i>字</b>斜</i>です。</p>")),
    (
        "unclosed-script",
        "an unclosed script is left alone, text not lost",
        _page("<p>前。</p><script>var a = 1;"),
    ),
    (
        "attributes-quoting",
        "attribute quoting and order kept",
        _page("<p class=a id='b' data-x=\"1\">属性の文。</p>"),
    ),
    ("repeated-text", "repeated text", _page("<p>同じ。</p><p>同じ。</p>")),
    ("empty-inline", "empty inline element", _page("<p>前<span></span>後。</p>")),
    (
        "codes-between-sentences",
        "a code between two sentences stays outside",
        _page("<p>一文目。<br>二文目。</p>"),
    ),
    (
        "footnote-ref",
        "a footnote reference link",
        _page(
            '<p>装置<a href="#n1" id="r1">注1)</a>の話。</p>\n<ol><li id="n1">注1)装置の説明。</li></ol>'
        ),
    ),
    (
        "svg-inline",
        "inline svg left alone",
        _page('<p>図<svg width="10"><text>文字</text></svg>参照。</p>'),
    ),
    ("iframe", "iframe left alone", _page('<iframe src="x.html">代替</iframe>\n<p>本文。</p>')),
    (
        "header-footer",
        "sectioning elements",
        _page(
            "<header><h1>題</h1></header><main><p>中身。</p></main><footer><p>著作権。</p></footer>"
        ),
    ),
]


MARKDOWN_CASES: list[tuple[str, str, str]] = [
    (
        "code-starts-sentence",
        "a placeholder that starts a sentence stays in it",
        "最初の手順。`pip install tmkit` を実行します。\n",
    ),
    (
        "footnote-after-period",
        "a footnote reference after a sentence belongs to it",
        "文です。[^1] 次の文。\n\n[^1]: 注。\n",
    ),
    ("kbd-html", "inline HTML at the start is kept", "<kbd>Ctrl</kbd>を押す。\n"),
    ("paragraph", "one sentence", "これは文です。\n"),
    ("two-sentences", "split inside a paragraph", "一つ目。二つ目。\n"),
    ("multi-line", "a paragraph over several lines", "一行目の文が\n続く。次の文。\n"),
    ("atx-headings", "ATX headings", "# 題名\n\n## 小見出し\n\n本文。\n"),
    ("setext-heading", "setext heading", "見出し\n======\n\n本文。\n"),
    ("emphasis", "emphasis and strong", "これは*強調*と**太字**です。\n"),
    ("underscore-emphasis", "underscore markers kept", "これは_強調_と__太字__です。\n"),
    ("strong-whole", "strong wrapping the paragraph stays outside", "**全部太字。**\n"),
    ("link", "inline link, URL kept", "詳細は[こちら](https://example.jp/a)をご覧ください。\n"),
    ("link-title", "link with title", '詳細は[こちら](https://example.jp "題")。\n'),
    (
        "reference-link",
        "reference links and definitions left alone",
        "詳細は[こちら][ref]。\n\n[ref]: https://example.jp/\n",
    ),
    ("autolink", "autolink is a placeholder", "サイトは<https://example.jp>です。\n"),
    ("image", "image alt translated, URL kept", "図![装置の写真](img/a.png)を示す。\n"),
    ("image-alone", "an image alone", "![建物の外観](b.jpg)\n"),
    ("inline-code", "inline code is a placeholder", "関数`run()`を呼ぶ。\n"),
    ("code-fence", "fenced code left alone", "```python\nprint('日本')\n```\n\n本文。\n"),
    ("indented-code", "indented code left alone", "本文。\n\n    そのまま\n"),
    ("footnotes", "footnote reference and definition", "装置[^1]の話。\n\n[^1]: 装置の説明。\n"),
    ("html-inline", "inline HTML is a placeholder", "これは<b>太字</b>です。\n"),
    ("html-block", "HTML blocks left alone", "<div>\nそのまま\n</div>\n\n本文。\n"),
    ("bullet-list", "list items", "- 項目一。\n- 項目二。\n"),
    ("nested-list", "nested lists", "- 項目一。\n  - 入れ子。\n- 項目二。\n"),
    ("ordered-list", "ordered list", "1. 最初。\n2. 次。\n"),
    ("blockquote", "blockquote", "> 引用文です。\n> 続きです。\n"),
    ("table", "table cells", "| 名前 | 値 |\n|---|---|\n| 長さ | `10m` |\n"),
    (
        "front-matter",
        "front matter: title and description translated, other keys kept",
        '---\ntitle: 題名\ndescription: "説明です。"\nlayout: post\ntags: [日本]\n---\n\n本文。\n',
    ),
    ("hard-break", "hard line break", "一行目\\\n二行目。\n"),
    ("escapes", "backslash escapes decoded", "記号\\*と\\_の話。\n"),
    ("entities", "entities", "A&amp;B社の話。\n"),
    ("thematic-break", "thematic break", "前。\n\n---\n\n後。\n"),
    ("english", "Latin text", "This is *one* sentence. And another.\n"),
    ("link-in-emphasis", "nested codes", "これは*[リンク](x.md)付き*です。\n"),
    ("strikethrough-text", "tildes stay text in CommonMark", "~~消す~~文。\n"),
]
