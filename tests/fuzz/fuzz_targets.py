"""What the fuzz suite feeds to which command: one `FuzzTarget` per reader.

Adding a reader (XLIFF, HTML, ...) is one line in `TARGETS`: a name, the extension its
input must have, the command lines that read it (``{in}`` is the fuzzed file, ``{out}``
an output path whose extension follows the name, ``{dir}`` the case's folder), seed
files, and tokens of its syntax for the mutator to splice in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
DATA, BAD = TESTS / "data", TESTS / "bad"
SMALL_PO = DATA / "checks" / "small.po"

XML_TOKENS = (
    "<",
    ">",
    "</",
    "/>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&lt;",
    "&undefined;",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    '<?xml version="1.0" encoding="UTF-16"?>',
    "<!DOCTYPE x [",
    '<!ENTITY a "aaaaaaaaaa">',
    "&a;",
    'xml:lang="',
    '"',
    "'",
    "\x00",
    "\ufeff",
    "\r\n",
    '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="/etc/passwd"/>',
    "<b>",
    "</b>",
    "</body>",
    "</tmx>",
    "\u3000",
    "研究",
    "。",
)


@dataclass(frozen=True)
class FuzzTarget:
    name: str
    suffix: str
    commands: tuple[tuple[str, ...], ...]
    seeds: tuple[Path, ...]
    tokens: tuple[str, ...] = ()
    #: cases per CI run; TMKIT_FUZZ=long multiplies it
    budget: int = 300
    #: other files the command needs in the case's folder (name -> text)
    support: tuple[tuple[str, str], ...] = ()


def _files(*globs: str) -> tuple[Path, ...]:
    found: list[Path] = []
    for pattern in globs:
        found.extend(sorted(p for p in TESTS.glob(pattern) if p.stat().st_size < 40_000))
    return tuple(found)


PO_TOKENS = (
    'msgid "',
    'msgstr "',
    "msgstr[0] ",
    "msgstr[1] ",
    'msgid_plural "',
    'msgctxt "',
    '"\n"',
    "\\",
    '\\"',
    "\\n",
    "\\x",
    "\\777",
    "#~ ",
    "#| msgid ",
    "#, fuzzy\n",
    "#. ",
    "#: ",
    "\r\n",
    "\n\n",
    "charset=UTF-16",
    "charset=hex",
    "charset=ISO-8859-1",
    "charset=rot13",
    "Plural-Forms: nplurals=2; plural=(n != 1);\\n",
    "Language: en\\n",
    "\x00",
    "\ufeff",
    "#. tmkit: inline-markup\n",
    "<ph>",
    "</ph>",
    '<bpt i="1">',
    "\xff\xfe",
)

TARGETS: tuple[FuzzTarget, ...] = (
    FuzzTarget(
        "po",
        ".po",
        (("check", "{in}"), ("merge", "{in}", "-o", "{out}.tmx"), ("stats", "{in}")),
        _files("data/checks/small.po", "data/po/wrap/*.po", "data/po/fields.po", "bad/po/dup*"),
        PO_TOKENS,
        budget=400,
    ),
    FuzzTarget(
        "tmx",
        ".tmx",
        (("validate", "{in}"), ("merge", "{in}", "-o", "{out}.po"), ("check", "{in}")),
        _files("data/checks/small.tmx", "data/tmx/*.tmx", "data/tmx/samples/*.tmx", "bad/tmx/xxe*"),
        (*XML_TOKENS, "<seg>", "</seg>", '<bpt i="1">', '<ept i="1">', "<hi>" * 50, "<tu>"),
        budget=400,
    ),
    FuzzTarget(
        "tbx",
        ".tbx",
        (("convert", "{in}", "-o", "{out}.csv"), ("check", str(SMALL_PO), "-g", "{in}")),
        _files("data/glossary/qst-sample.tbx", "data/glossary/oracle-*.tbx", "bad/glossary/b*.tbx"),
        (*XML_TOKENS, "<term>", "</term>", "<termSec>", '<conceptEntry id="x">', "<langSec>"),
    ),
    FuzzTarget(
        "csv",
        ".csv",
        (("convert", "{in}", "-o", "{out}.tbx"), ("check", str(SMALL_PO), "-g", "{in}")),
        _files("data/glossary/*.csv", "data/glossary/*.tsv", "bad/glossary/non-adj*.csv"),
        (",", '"', '""', "\n", "\r\n", "\r", "\t", "=cmd|", "@SUM(", "\x00", "\ufeff", "ja,en"),
    ),
    FuzzTarget(
        "txt",
        ".txt",
        (("extract", "{in}", "-o", "{out}.pot"),),
        _files("bad/text/control*.txt", "data/align/*-ja.txt", "data/align/*-en.txt"),
        (
            "。",
            "！",
            "？",
            "「",
            "」",
            "（",
            "）",
            "\r",
            "\n",
            "\r\n",
            "\u3000",
            "──",
            "※",
            "注1)",
            "\x00",
            "\ufeff",
            "\xff\xfe",
            "a.",
            "Dr. ",
            "…",
            "\u2028",
            "\U0001f600",
        ),
    ),
    FuzzTarget(
        "srx",
        ".srx",
        (("extract", str(DATA / "align" / "alpine-ja.txt"), "--srx", "{in}", "-o", "{out}.pot"),),
        _files("data/srx/okapi-defaultSegmentation.srx", "bad/srx/bad-protect.srx"),
        (
            *XML_TOKENS,
            "<beforebreak>",
            "</beforebreak>",
            "(?<=",
            "(a+)+$",
            "\\p{Han}",
            "[",
            "*",
            "{99999}",
            'break="no"',
            '<languagemap languagepattern="("/>',
        ),
    ),
    FuzzTarget(
        "config",
        ".toml",
        (("build", "--check", "--config", "{in}"),),
        (TESTS / "fuzz" / "seeds" / "tmkit.toml",),
        (
            "=",
            '"',
            "[",
            "]",
            "\n",
            "sources",
            "targets",
            '["../../../etc/passwd"]',
            "[check]",
            "fuzzy-threshold = -1",
            'glossary = "x.tbx"',
            "\\u0000",
            "'''",
            "1e999",
            "true",
        ),
        budget=150,
        support=(("doc.txt", "研究を続けます。QSTです。\n"),),
    ),
)

BY_NAME = {t.name: t for t in TARGETS}
