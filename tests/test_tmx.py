"""TMX reader and writer: real-world samples, TMX → TMX, DTD validity, property round trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from tmkit.formats import io
from tmkit.formats.tmx import format_tmx, iter_tmx, read_tmx, write_tmx
from tmkit.model.memory import (
    Inline,
    Memory,
    MemoryHeader,
    Note,
    Prop,
    TranslationUnit,
    Variant,
    normalize_content,
    plain_text,
    same_language,
)

DATA = Path(__file__).parent / "data" / "tmx"
SAMPLES = DATA / "samples"
DTD = etree.DTD(str(DATA / "tmx14.dtd"))

# file → (units, header srclang, languages in the first unit, encoding sniffed)
EXPECTED = {
    "compkit-ImportTest1G-utf16be-bom.tmx": (3, "en-us", ["en-us", "en-gb"], "utf-16-be"),
    "compkit-ImportTest1L-all-attributes-utf8bom.tmx": (
        1,
        "en-us",
        ["en-us", "fr", "en-gb"],
        "utf-8-sig",
    ),
    "okapi-inline-it-bpt-ept-ph-sub-hi.tmx": (1, "en-us", ["en-us", "fr"], "utf-8"),
    "okapi-trados-tw4win8-utf16le-bom.tmx": (4, "EN-US", ["EN-US", "FR-FR"], "utf-16-le"),
    "omegat-alternative-props-file-prev-next-tmx14.tmx": (4, "en-US", ["en-US", "co"], "utf-8"),
    "omegat-project_save-tmx11-zhCN-jaJP.tmx": (1, "zh-CN", ["zh-CN", "ja-JP"], "utf-8"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_samples_read(name):
    units, srclang, langs, encoding = EXPECTED[name]
    memory = read_tmx(SAMPLES / name)
    assert len(memory) == units
    assert memory.header.srclang == srclang
    assert [v.lang for v in memory.units[0].variants] == langs
    assert memory.header.encoding == encoding


def test_sample_details():
    trados = read_tmx(SAMPLES / "okapi-trados-tw4win8-utf16le-bom.tmx")
    assert trados.header.props("RTFFontTable")[0].startswith("\n{\\fonttbl")
    assert trados.units[0].attrs == {"creationdate": "20101020T200724Z", "creationid": "YS"}
    assert trados.units[1].variant("fr").content == (
        "Une ",
        Inline("bpt", {"i": "1", "type": "bold"}, ("<b>",)),
        "phrase",
        Inline("ept", {"i": "1"}, ("</b>",)),
        " simple sans rien de spécial.",
    )
    assert trados.units[1].variant("fr").text == "Une phrase simple sans rien de spécial."
    kit = read_tmx(SAMPLES / "compkit-ImportTest1L-all-attributes-utf8bom.tmx")
    unit = kit.units[0]
    assert unit.tuid == "tu001"
    assert unit.notes == ["Text of tu note 1", "Text of tu note 2"]
    fr = unit.variant("fr")
    assert [type(m).__name__ for m in fr.meta] == ["Prop", "Note", "Prop", "Note"]
    assert list(fr.attrs)[:3] == ["o-encoding", "datatype", "usagecount"]
    assert kit.header.encodings[0].maps[0].ent == "AppleLogo"
    utf16 = read_tmx(SAMPLES / "compkit-ImportTest1G-utf16be-bom.tmx")
    assert utf16.units[1].variants[0].text == "ÿ=U+00FF, ™=U+2122, ’=U+2019"
    omegat = read_tmx(SAMPLES / "omegat-alternative-props-file-prev-next-tmx14.tmx")
    assert omegat.units[3].props("file") == ["website/download.html"]
    old = read_tmx(SAMPLES / "omegat-project_save-tmx11-zhCN-jaJP.tmx")
    assert old.header.version == "1.1"
    assert old.units[0].variant("ja").text == "太平寺の中心的なペン塔"
    assert old.units[0].variant("ja").attrs["changeid"] == "Hiroshi Miura"


def _segs(path: Path) -> list[bytes]:
    tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, load_dtd=False))
    return [etree.tostring(seg, method="c14n") for seg in tree.iter("seg")]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tmx_to_tmx_keeps_segments_and_validates(name, tmp_path):
    out = tmp_path / "out.tmx"
    write_tmx(read_tmx(SAMPLES / name), out)
    assert _segs(out) == _segs(SAMPLES / name)
    assert DTD.validate(etree.parse(str(out))), DTD.error_log
    again = tmp_path / "again.tmx"
    write_tmx(read_tmx(out), again)
    assert again.read_bytes() == out.read_bytes()


def test_writer_header_and_languages(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "x.tmx"
    memory = read_tmx(SAMPLES / "omegat-project_save-tmx11-zhCN-jaJP.tmx")
    write_tmx(memory, out)
    root = etree.parse(str(out)).getroot()
    header = root.find("header")
    assert root.get("version") == "1.4"
    assert header.get("creationtool") == "tmkit"
    from tmkit import __version__

    assert header.get("creationtoolversion") == __version__
    assert header.get("srclang") == "zh-CN"
    assert header.get("creationdate") == "20231114T221320Z"
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert [t.get(xml_lang) for t in root.iter("tuv")] == ["zh-CN", "ja-JP"]
    assert DTD.validate(root.getroottree())


def test_streaming_write_from_iterator(tmp_path):
    header, units = iter_tmx(SAMPLES / "okapi-trados-tw4win8-utf16le-bom.tmx")
    out = tmp_path / "s.tmx"
    write_tmx(header, out, units)
    assert len(read_tmx(out)) == 4


def test_registry():
    fmt = io.detect("memory.TMX")
    assert fmt.name == "tmx" and fmt.kind == "memory"


def test_writer_refuses_unwritable(tmp_path):
    from tmkit.model.errors import InputError

    bad = Memory(
        MemoryHeader({"srclang": "ja"}), [TranslationUnit("1", [Variant("ja", ("\x01",))])]
    )
    with pytest.raises(InputError, match="U\\+0001"):
        format_tmx(bad)
    nolang = Memory(MemoryHeader(), [TranslationUnit("1", [Variant("", ("x",))])])
    with pytest.raises(InputError, match="no language"):
        format_tmx(nolang)
    assert not (tmp_path / "never.tmx").exists()


@pytest.mark.parametrize(
    ("tag", "wanted", "same"),
    [
        ("ja", "ja", True),
        ("ja-JP", "ja", True),
        ("JA-JP", "ja", True),
        ("ja_jp", "JA", True),
        ("en-US", "en-GB", True),
        ("jav", "ja", False),
        ("en", "ja", False),
        ("", "ja", False),
    ],
)
def test_same_language(tag, wanted, same):
    assert same_language(tag, wanted) is same


def test_variant_prefers_exact_region():
    unit = TranslationUnit(variants=[Variant("en-US", ("a",)), Variant("en-GB", ("b",))])
    assert unit.variant("en-gb").text == "b"
    assert unit.variant("EN").text == "a"
    assert unit.variant("fr") is None


def test_plain_text_drops_codes_keeps_hi():
    content = ("a", Inline("ph", {}, ("<br/>",)), Inline("hi", {"type": "x"}, ("b",)), "c")
    assert plain_text(content) == "abc"


# --- property: TMX → TMX is lossless ------------------------------------------

XML_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("&<>\"' \n\t"),
        st.characters(
            codec="utf-8",
            exclude_categories=("Cc", "Cs", "Co"),
            exclude_characters="\ufffe\uffff",
        ),
        st.sampled_from("日本語の翻訳メモリ、。"),
    ),
    max_size=12,
)
ATTR = st.dictionaries(st.sampled_from(["x", "type", "i"]), XML_TEXT, max_size=2)


def _inline(children):
    return st.builds(
        lambda tag, attrs, content: Inline(tag, attrs, normalize_content(content)),
        st.sampled_from(["bpt", "ept", "it", "ph", "hi", "ut", "sub"]),
        ATTR,
        st.lists(st.one_of(XML_TEXT, children), max_size=3),
    )


CONTENT = st.lists(
    st.one_of(XML_TEXT, st.recursive(_inline(st.nothing()), _inline, max_leaves=4)),
    max_size=4,
).map(normalize_content)
META = st.lists(
    st.one_of(
        st.builds(Prop, st.sampled_from(["x-context", "file"]), XML_TEXT),
        st.builds(Note, XML_TEXT, st.sampled_from([None, "ja"])),
    ),
    max_size=3,
)
UNIT = st.builds(
    TranslationUnit,
    tuid=st.one_of(st.none(), XML_TEXT),
    variants=st.lists(
        st.builds(
            Variant,
            lang=st.sampled_from(["ja", "ja-JP", "en", "EN-US"]),
            content=CONTENT,
            attrs=st.dictionaries(st.sampled_from(["changedate", "creationid"]), XML_TEXT),
            meta=META,
        ),
        min_size=1,
        max_size=3,
    ),
    meta=META,
)


def _strip_lines(memory: Memory) -> list[TranslationUnit]:
    for unit in memory.units:
        unit.line = None
        for v in unit.variants:
            v.line = None
    return memory.units


@settings(max_examples=40, deadline=None)
@given(units=st.lists(UNIT, max_size=4))
def test_tmx_round_trip_property(units, tmp_path_factory):
    """Any nesting of inline codes survives (validity is the next test's business)."""
    path = tmp_path_factory.mktemp("rt") / "p.tmx"
    write_tmx(Memory(MemoryHeader({"srclang": "ja"}), units), path)
    assert _strip_lines(read_tmx(path)) == units


TEXT_OR_NOTHING = XML_TEXT.map(lambda t: (t,) if t else ())
SUB = st.builds(lambda t: Inline("sub", {}, t), TEXT_OR_NOTHING)
VALID_INLINE = st.one_of(
    st.builds(
        lambda i, t: Inline("bpt", {"i": i, "type": "bold"}, t),
        st.sampled_from("12"),
        TEXT_OR_NOTHING,
    ),
    st.builds(lambda i, t: Inline("ept", {"i": i}, t), st.sampled_from("12"), TEXT_OR_NOTHING),
    st.builds(lambda p: Inline("it", {"pos": p}, ("<i>",)), st.sampled_from(["begin", "end"])),
    st.builds(lambda a, s: Inline("ph", {"x": "1"}, normalize_content([a, s, a])), XML_TEXT, SUB),
    st.builds(lambda t: Inline("hi", {"type": "term"}, t), TEXT_OR_NOTHING),
)
VALID_CONTENT = st.lists(st.one_of(XML_TEXT, VALID_INLINE), max_size=5).map(normalize_content)


@settings(max_examples=30, deadline=None)
@given(contents=st.lists(VALID_CONTENT, min_size=1, max_size=3))
def test_written_tmx_validates_against_dtd(contents, tmp_path_factory):
    path = tmp_path_factory.mktemp("dtd") / "v.tmx"
    units = [
        TranslationUnit(str(n), [Variant("ja", c), Variant("en", c)], meta=[Prop("x-context", "c")])
        for n, c in enumerate(contents)
    ]
    write_tmx(Memory(MemoryHeader({"srclang": "ja"}), units), path)
    assert DTD.validate(etree.parse(str(path))), DTD.error_log
    assert [u.variants[0].content for u in read_tmx(path).units] == contents


# --- the reader's fast paths keep every shape --------------------------------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _one_unit_tmx(tmp_path: Path, tu: str) -> Path:
    path = tmp_path / "one.tmx"
    path.write_text(
        f'<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ja"/>\n<body>\n{tu}\n'
        "</body></tmx>\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("tuv_attrs", "lang", "attrs"),
    [
        ('xml:lang="ja"', "ja", {}),
        ('xml:lang="ja" changedate="20260101T000000Z"', "ja", {"changedate": "20260101T000000Z"}),
        ('xml:lang="ja" lang="fr" creationid="x"', "ja", {"creationid": "x"}),
        ('creationid="x" xml:lang="ja"', "ja", {"creationid": "x"}),
        ('lang="ja-JP"', "ja-JP", {}),
        ('xml:lang="" lang="fr"', "fr", {}),
        ("", "", {}),
    ],
)
def test_tuv_language_and_attribute_shapes(tmp_path, tuv_attrs, lang, attrs):
    tu = f"<tu><tuv {tuv_attrs}><seg>x</seg></tuv></tu>"
    (variant,) = read_tmx(_one_unit_tmx(tmp_path, tu)).units[0].variants
    assert (variant.lang, variant.attrs, variant.content) == (lang, attrs, ("x",))


def test_unit_attributes_meta_order_and_lines(tmp_path):
    tu = (
        '<tu segtype="block" tuid="7" srclang="ja">\n'
        '<note>n1</note><prop type="a">1</prop><prop type="b" xml:lang="ja">2</prop>'
        '<prop xml:lang="en">no type</prop><note xml:lang="ja" o-encoding="x">n2</note>\n'
        '<tuv xml:lang="ja"><prop type="v">p</prop><seg>猫</seg><note>after seg</note></tuv>\n'
        '<tuv xml:lang="en"><seg></seg></tuv></tu>'
    )
    unit = read_tmx(_one_unit_tmx(tmp_path, tu)).units[0]
    assert unit.tuid == "7"
    assert list(unit.attrs.items()) == [("segtype", "block"), ("srclang", "ja")]
    assert unit.meta == [
        Note("n1"),
        Prop("a", "1"),
        Prop("b", "2", "ja"),
        Prop("", "no type", "en"),
        Note("n2", "ja", "x"),
    ]
    ja, en = unit.variants
    assert ja.meta == [Prop("v", "p"), Note("after seg")] and ja.content == ("猫",)
    assert en.content == () and en.meta == []
    assert (unit.line, ja.line, en.line) == (4, 6, 7)


def test_comments_and_pis_dropped_text_joined(tmp_path):
    tu = (
        '<!-- before --><tu><tuv xml:lang="ja">'
        '<seg>a<!--x-->b<?pi x?>c<ph x="1">d<!--y--></ph>e</seg></tuv></tu><!-- after -->'
    )
    (unit,) = read_tmx(_one_unit_tmx(tmp_path, tu)).units
    assert unit.variants[0].content == ("abc", Inline("ph", {"x": "1"}, ("d",)), "e")


def test_scan_summaries_match_the_model():
    from tmkit.formats.tmx import scan_tmx

    for path in sorted(SAMPLES.glob("*.tmx")):
        _, units = iter_tmx(path)
        issues: list = []
        _, summaries = scan_tmx(path, issues.append)
        for unit, summary in zip(list(units), list(summaries), strict=True):
            assert (summary.tuid, summary.line, summary.srclang) == (
                unit.tuid,
                unit.line,
                unit.attrs.get("srclang"),
            )
            assert summary.props == [(m.type, m.value) for m in unit.meta if isinstance(m, Prop)]
            assert [(v.lang, v.text, v.content, v.line) for v in summary.variants] == [
                (v.lang, v.text, v.content, v.line) for v in unit.variants
            ], path


def test_checked_read_gives_the_same_units():
    for path in sorted(SAMPLES.glob("*.tmx")):
        plain = list(iter_tmx(path)[1])
        checked = list(iter_tmx(path, on_issue=lambda issue: None)[1])
        assert checked == plain, path


def test_memory_stays_flat_while_streaming(tmp_path):
    """Finished units are freed: reading 40k units peaks far below the whole tree's size."""
    import subprocess
    import sys

    path = tmp_path / "big.tmx"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0"?>\n<tmx version="1.4"><header srclang="ja"/><body>\n')
        for n in range(40_000):
            fh.write(
                f'<tu tuid="{n}"><prop type="x-context">s{n}</prop><tuv xml:lang="ja">'
                f'<seg>猫が窓の外を見ている{n}</seg></tuv><tuv xml:lang="en">'
                f"<seg>The cat watches {n}</seg></tuv></tu>\n"
            )
        fh.write("</body></tmx>\n")
    code = (
        "import resource, sys\n"
        "from tmkit.formats.tmx import iter_tmx\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "header, units = iter_tmx(sys.argv[1])\n"
        "count = sum(1 for _ in units)\n"
        "print(count, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True
    )
    count, growth_kib = map(int, out.stdout.split())
    assert count == 40_000
    assert growth_kib < 16 * 1024  # the whole tree takes about 90 MiB
