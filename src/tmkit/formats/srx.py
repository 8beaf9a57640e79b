"""Read SRX 2.0 segmentation rules (LISA/GALA) into a `tmkit.model.segmentation.RuleSet`.

Only what segmentation of plain text needs is read: ``<header cascade>``, the
``<languagerule>`` elements with their ordered ``<rule break>`` children, and
``<maprules>``. Format handles and vendor extensions (Okapi's ``okpsrx:``) are
ignored.

tmkit extension, in the namespace `TMKIT_NS`: ``<tmkit:protect open="「"
close="」"/>`` elements in the ``<header>`` name bracket pairs inside which the
segmenter never breaks. Files without them get no bracket protection, so a
foreign SRX file runs exactly as its rules say.

The XML is parsed with a hardened parser (no entity resolution, no DTD loading,
no network, bounded tree); files that declare entities are refused. Every error
is a `ParseError` located at ``path:line:col``.
"""

from __future__ import annotations

from pathlib import Path

import regex
from lxml import etree

from tmkit.model.errors import InputError, ParseError
from tmkit.model.segmentation import (
    BracketPair,
    Rule,
    RuleSet,
    compile_pattern,
    forward_pattern,
    position_pattern,
)

TMKIT_NS = "https://tmkit.dev/ns/srx-extensions"

_TAG_START = regex.compile(r"<(?:[\w.-]+:)?([\w.-]+)")


def read_srx(path: str | Path, language: str) -> RuleSet:
    """The rules ``language`` (a BCP 47 code such as ``ja`` or ``ja-JP``) gets from ``path``."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read SRX file: {error.strerror or error}", name) from None
    return parse_srx(data, language, name)


def parse_srx(data: bytes, language: str, name: str = "<srx>") -> RuleSet:
    """Like `read_srx`, from the bytes of an SRX document; ``name`` is used in messages."""
    root = _parse_xml(data, name)
    locate = _Locator(data, name)
    if _local(root) != "srx":
        raise locate.error(root, f"not an SRX file: root element is <{_local(root)}>, not <srx>")
    header = _child(root, "header")
    body = _child(root, "body")
    if body is None:
        raise locate.error(root, "<srx> has no <body>")
    cascade = header is not None and header.get("cascade", "no").strip().lower() == "yes"
    protect = _protect_pairs(header, locate) if header is not None else ()

    language_rules = _child(body, "languagerules")
    map_rules = _child(body, "maprules")
    if language_rules is None or map_rules is None:
        raise locate.error(body, "<body> needs <languagerules> and <maprules>")
    rules_by_name: dict[str, etree._Element] = {}
    for element in _children(language_rules, "languagerule"):
        rule_name = element.get("languagerulename")
        if rule_name is None:
            raise locate.error(element, "<languagerule> without languagerulename")
        rules_by_name.setdefault(rule_name, element)

    chosen = _matching_rule_names(map_rules, language, cascade, rules_by_name, locate)
    rules: list[Rule] = []
    for rule_name in chosen:
        rules.extend(_read_language_rule(rules_by_name[rule_name], locate))
    return RuleSet(
        language=language,
        rules=tuple(rules),
        protect=protect,
        names=tuple(chosen),
        source=name,
    )


def _parse_xml(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, col = error.position if error.position else (None, None)
        raise ParseError(f"malformed XML: {error.msg}", name, line or None, col or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        line, col = _first_occurrence(data, b"<!ENTITY")
        raise ParseError("entity declarations are not allowed in SRX files", name, line, col)
    return root


def _first_occurrence(data: bytes, needle: bytes) -> tuple[int, int]:
    """1-based line and column of ``needle`` in ``data`` (1, 1 when absent)."""
    index = data.find(needle)
    if index < 0:
        return 1, 1
    line_start = data.rfind(b"\n", 0, index) + 1
    col = len(data[line_start:index].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, index) + 1, col


def _matching_rule_names(
    map_rules: etree._Element,
    language: str,
    cascade: bool,
    rules_by_name: dict[str, etree._Element],
    locate: _Locator,
) -> list[str]:
    chosen: list[str] = []
    for language_map in _children(map_rules, "languagemap"):
        pattern = language_map.get("languagepattern")
        rule_name = language_map.get("languagerulename")
        if pattern is None or rule_name is None:
            raise locate.error(
                language_map, "<languagemap> needs languagepattern and languagerulename"
            )
        try:
            compiled = regex.compile(pattern, regex.IGNORECASE | regex.V1)
        except regex.error as error:
            raise locate.error(
                language_map, f"invalid languagepattern {pattern!r}: {error.msg}"
            ) from None
        if compiled.fullmatch(language) is None:
            continue
        if rule_name not in rules_by_name:
            raise locate.error(
                language_map, f"<languagemap> names an undefined languagerule {rule_name!r}"
            )
        if rule_name not in chosen:
            chosen.append(rule_name)
        if not cascade:
            break
    if not chosen:
        raise locate.error(map_rules, f"no <languagemap> matches language {language!r}")
    return chosen


def _read_language_rule(element: etree._Element, locate: _Locator) -> list[Rule]:
    rules = []
    for rule in _children(element, "rule"):
        flag = rule.get("break", "yes").strip().lower()
        if flag not in ("yes", "no"):
            raise locate.error(rule, f'break must be "yes" or "no", not {flag!r}')
        before_el = _child(rule, "beforebreak")
        after_el = _child(rule, "afterbreak")
        before = _text(before_el)
        after = _text(after_el)
        for part, text in ((before_el, before), (after_el, after)):
            if part is None:
                continue
            try:
                compile_pattern(text)
            except regex.error as error:
                raise locate.error(
                    part,
                    f"invalid regex in <{_local(part)}>: {error.msg}",
                    offset=error.pos,
                ) from None
        try:
            compile_pattern(forward_pattern(before, after))
            compile_pattern(position_pattern(before, after))
        except regex.error as error:
            raise locate.error(rule, f"rule cannot be compiled: {error.msg}") from None
        rules.append(Rule(flag == "yes", before, after, origin=f"{locate.name}:{rule.sourceline}"))
    return rules


def _protect_pairs(header: etree._Element, locate: _Locator) -> tuple[BracketPair, ...]:
    pairs = []
    for element in header.iterchildren(f"{{{TMKIT_NS}}}protect"):
        opener, closer = element.get("open"), element.get("close")
        if not opener or not closer or len(opener) != 1 or len(closer) != 1:
            raise locate.error(element, "tmkit:protect needs one-character open and close")
        pairs.append(BracketPair(opener, closer))
    return tuple(pairs)


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, local_name: str) -> list[etree._Element]:
    # SRX 1.0 and 2.0 differ in namespace only; match on the local name.
    return [
        child
        for child in element
        if isinstance(child.tag, str) and etree.QName(child).localname == local_name
    ]


def _child(element: etree._Element, local_name: str) -> etree._Element | None:
    found = _children(element, local_name)
    return found[0] if found else None


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    # Regex whitespace is significant: take the text verbatim, without comments.
    return str(element.xpath("string()"))


class _Locator:
    """Turns an element into ``path:line:col`` (lxml records lines, not columns)."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._lines = data.decode("utf-8", errors="replace").splitlines()

    def error(self, element: etree._Element, message: str, offset: int | None = None) -> ParseError:
        line = element.sourceline
        col = None
        if line is not None and 0 < line <= len(self._lines):
            text = self._lines[line - 1]
            local = _local(element)
            for match in _TAG_START.finditer(text):
                if match.group(1) == local:
                    col = match.start() + 1
                    if offset is not None:
                        close = text.find(">", match.end())
                        raw = element.text or ""
                        # Point into the pattern when it sits on this line unescaped.
                        if close != -1 and text.startswith(raw, close + 1):
                            col = close + 2 + offset
                    break
        return ParseError(message, self.name, line, col)
