"""The structure checks the reader runs when given ``on_issue``: a mixin of `_Reader`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tmkit.formats.tmx.elements import _content, _text
from tmkit.formats.tmx.spec import (
    HEADER_ATTRS,
    HEADER_REQUIRED,
    INLINE_ATTRS,
    INLINE_CHILDREN,
    META_ATTRS,
    SEGTYPES,
    TU_ATTRS,
    TUV_ATTRS,
    TUV_OTHER_ATTRS,
    XML_LANG,
    UnitSummary,
    VariantSummary,
    _new_tuple,
)
from tmkit.model.memory import (
    INLINE_TAGS,
    Inline,
    plain_text,
)


class StructureChecks:
    def _check_root(self, root: Any, body_seen: bool) -> None:
        tags = [c.tag for c in root if isinstance(c.tag, str)]
        if not body_seen:
            self.report("tmx-structure", "<tmx> has no <body>", root.sourceline)
        if tags[:2] != ["header", "body"] or len(tags) > 2:
            listed = ", ".join(f"<{t}>" for t in tags) or "nothing"
            self.report(
                "tmx-structure",
                f"<tmx> must hold <header> then <body>, found {listed}",
                root.sourceline,
            )

    # --- structure checks (only when on_issue is given) -----------------------

    def _check_attrs(
        self, el: Any, allowed: frozenset[str], required: Iterable[str], tuid: str | None
    ) -> None:
        keys = el.keys()
        if allowed.issuperset(keys) and (not required or all(name in keys for name in required)):
            return
        tag = el.tag
        for name in keys:
            if name not in allowed:
                shown = "xml:lang" if name == XML_LANG else name
                self.report(
                    "tmx-attribute", f"<{tag}> has unknown attribute {shown}", el.sourceline, tuid
                )
        for name in required:
            if el.get(name) is None:
                self.report(
                    "tmx-attribute", f"<{tag}> lacks required attribute {name}", el.sourceline, tuid
                )

    def _check_meta(self, el: Any, tag: str, tuid: str | None) -> None:
        keys = el.keys()
        if tag == "prop" and keys == ["type"] and not len(el):
            return  # the common case, checked cheaply
        self._check_attrs(el, META_ATTRS[tag], ("type",) if tag == "prop" else (), tuid)
        if not len(el):
            return
        for child in el:
            if isinstance(child.tag, str):
                self.report(
                    "tmx-structure",
                    f"<{tag}> may hold only text, found <{child.tag}>",
                    child.sourceline,
                    tuid,
                )

    def _check_header(self, el: Any) -> None:
        line = el.sourceline
        if not el.get("srclang"):
            self.report("header-srclang", "<header> has no srclang", line)
        missing = [a for a in HEADER_REQUIRED if a != "srclang" and el.get(a) is None]
        if missing:
            self.report("tmx-attribute", "<header> lacks required " + ", ".join(missing), line)
        for name in el.attrib:
            if name not in HEADER_ATTRS:
                self.report("tmx-attribute", f"<header> has unknown attribute {name}", line)
        segtype = el.get("segtype")
        if segtype is not None and segtype not in SEGTYPES:
            self.report("tmx-attribute", f'<header> has invalid segtype="{segtype}"', line)
        for child in el:
            tag = child.tag
            if tag in ("prop", "note"):
                self._check_meta(child, tag, None)
            elif tag == "ude":
                self._check_attrs(child, frozenset(("name", "base")), ("name",), None)
                maps = [m for m in child if isinstance(m.tag, str)]
                if not maps or any(m.tag != "map" for m in maps):
                    self.report(
                        "tmx-structure", "<ude> must hold one or more <map>", child.sourceline
                    )
                for m in maps:
                    if m.tag == "map":
                        allowed = frozenset(("unicode", "code", "ent", "subst"))
                        self._check_attrs(m, allowed, ("unicode",), None)
            elif isinstance(tag, str):
                self.report("tmx-structure", f"<header> has unexpected <{tag}>", child.sourceline)

    def _scan_unit(self, el: Any) -> UnitSummary:
        """Check one ``<tu>`` on its elements and sum up what validation needs.

        One walk over the children, no model objects: this is the hot loop of
        `tmkit.ops.validate`.
        """
        items = el.items()
        srclang = None
        if len(items) == 1 and items[0][0] == "tuid":  # the common case
            tuid = items[0][1]
        else:
            attrs = dict(items)
            tuid = attrs.get("tuid")
            srclang = attrs.get("srclang")
            if not TU_ATTRS.issuperset(attrs):
                self._check_attrs(el, TU_ATTRS, (), tuid)
            segtype = attrs.get("segtype")
            if segtype is not None and segtype not in SEGTYPES:
                self.report(
                    "tmx-attribute", f'<tu> has invalid segtype="{segtype}"', el.sourceline, tuid
                )
        variants: list[VariantSummary] = []
        props: list[tuple[str, str]] = []
        new = _new_tuple
        for child in el[:]:
            tag = child.tag
            if tag == "tuv":
                # The common case inline: xml:lang (perhaps one more known attribute)
                # and one <seg> without inline codes. Anything else: _scan_variant.
                items = child.items()
                subs = child[:]
                n = len(items)
                if (
                    n
                    and items[0][0] == XML_LANG
                    and items[0][1]
                    and (n == 1 or (n == 2 and items[1][0] in TUV_OTHER_ATTRS))
                    and len(subs) == 1
                ):
                    seg = subs[0]
                    if seg.tag == "seg" and not len(seg):
                        text = seg.text or ""
                        variants.append(
                            new(
                                VariantSummary,
                                (items[0][1], text, (text,) if text else (), child.sourceline),
                            )
                        )
                        continue
                variants.append(self._scan_variant(child, tuid))
            elif tag == "prop" or tag == "note":
                items = child.items()
                if tag == "prop" and len(items) == 1 and items[0][0] == "type" and not len(child):
                    props.append((items[0][1], child.text or ""))  # the common case
                else:
                    self._check_meta(child, tag, tuid)
                    if tag == "prop":
                        props.append((child.get("type", ""), _text(child)))
                if variants:
                    self.report(
                        "tmx-structure", f"<{tag}> after <tuv> in <tu>", child.sourceline, tuid
                    )
            elif isinstance(tag, str):
                self.report("tmx-structure", f"<tu> has unexpected <{tag}>", child.sourceline, tuid)
        line = el.sourceline
        if not variants:
            self.report("tmx-structure", "<tu> has no <tuv>", line, tuid)
        return _new_tuple(UnitSummary, (tuid, line, srclang, props, variants))

    def _scan_variant(self, el: Any, tuid: str | None) -> VariantSummary:
        items = el.items()
        if len(items) == 1 and items[0][0] == XML_LANG and items[0][1]:  # the common case
            lang = items[0][1]
        else:
            attrs = dict(items)
            lang = attrs.pop(XML_LANG, None)
            legacy = attrs.pop("lang", None)
            if not TUV_ATTRS.issuperset(attrs):
                self._check_attrs(el, TUV_ATTRS, (), tuid)
            if lang is None:
                message = (
                    f'<tuv> uses TMX 1.1 lang="{legacy}"; TMX 1.4b needs xml:lang'
                    if legacy
                    else "<tuv> has no xml:lang"
                )
                self.report("tuv-lang", message, el.sourceline, tuid)
            lang = lang or legacy or ""
        children = el[:]
        if len(children) == 1:  # the common case: one <seg> without inline codes
            seg = children[0]
            if seg.tag == "seg" and not len(seg):
                text = seg.text or ""
                return _new_tuple(
                    VariantSummary, (lang, text, (text,) if text else (), el.sourceline)
                )
        text = ""
        content: tuple[str | Inline, ...] = ()
        segs = 0
        for child in children:
            tag = child.tag
            if tag == "seg":
                segs += 1
                if len(child):
                    content = _content(child)
                    text = plain_text(content)
                    self._check_inline(child, "seg", tuid)
                    self._check_pairs(child, tuid)
                else:
                    text = child.text or ""
                    content = (text,) if text else ()
            elif tag == "prop" or tag == "note":
                self._check_meta(child, tag, tuid)
                if segs:
                    self.report(
                        "tmx-structure", f"<{tag}> after <seg> in <tuv>", child.sourceline, tuid
                    )
            elif isinstance(tag, str):
                self.report(
                    "tmx-structure", f"<tuv> has unexpected <{tag}>", child.sourceline, tuid
                )
        line = el.sourceline
        if segs != 1:
            found = "no <seg>" if not segs else f"{segs} <seg> elements"
            self.report("tmx-structure", f"<tuv> has {found}; it needs exactly one", line, tuid)
        return _new_tuple(VariantSummary, (lang, text, content, line))

    def _check_inline(self, el: Any, tag: str, tuid: str | None) -> None:
        allowed = INLINE_CHILDREN[tag]
        for child in el:
            ctag = child.tag
            if not isinstance(ctag, str):
                continue
            if ctag not in allowed:
                where = "is not a TMX inline element" if ctag not in INLINE_TAGS else "not allowed"
                self.report(
                    "tmx-structure",
                    f"<{ctag}> inside <{tag}>: {where}",
                    child.sourceline,
                    tuid,
                )
                continue
            names, required = INLINE_ATTRS[ctag]
            self._check_attrs(child, names, required, tuid)
            if ctag == "it" and child.get("pos") not in (None, "begin", "end"):
                self.report(
                    "tmx-attribute",
                    f'<it> has invalid pos="{child.get("pos")}"',
                    child.sourceline,
                    tuid,
                )
            self._check_inline(child, ctag, tuid)

    def _check_pairs(self, seg: Any, tuid: str | None) -> None:
        """Every <bpt i=N> has one <ept i=N> after it in the same segment, and back."""
        if len(seg) == 0:
            return
        open_: dict[str, int] = {}
        for el in seg.iter("bpt", "ept"):
            i = el.get("i")
            if i is None:
                continue
            if el.tag == "bpt":
                if i in open_:
                    self.report("inline-pairing", f'two <bpt i="{i}">', el.sourceline, tuid)
                open_[i] = el.sourceline
            elif open_.pop(i, None) is None:
                self.report(
                    "inline-pairing", f'<ept i="{i}"> has no <bpt> before it', el.sourceline, tuid
                )
        for i, line in open_.items():
            self.report("inline-pairing", f'<bpt i="{i}"> has no <ept>', line, tuid)
