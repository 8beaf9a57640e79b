"""A translation is never lost: the multiset of non-empty translations never shrinks across
`update_catalog`, a PO write/read round trip (in the catalog's own charset), or both.

Catalogs are generated with plurals (and a template that turns entries plural or
singular), contexts, obsolete entries, fuzzy entries with previous msgids, and
translations where only some plural forms are filled.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmkit.formats.po import dump_po, load_po
from tmkit.model import Catalog, Message
from tmkit.ops.update import UpdateOptions, update_catalog
from tmkit.ops.update_rules import DROPPED_FORM

WORDS = ["量子", "科学", "技術", "研究", "café", "naïve", "%d", "%s", "\\", '"', "\n", " "]
texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map("".join)
maybe = st.one_of(st.just(""), texts)
HEADERS = [
    "Language: en\nContent-Type: text/plain; charset=UTF-8\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n",
    "Language: fr\nContent-Type: text/plain; charset=ISO-8859-1\n"
    "Plural-Forms: nplurals=3; plural=0;\n",
    "Language: en\n",
]


def translations(catalog: Catalog) -> Counter[str]:
    """Every non-empty translation (each plural form, and forms kept as comments)."""
    found: Counter[str] = Counter()
    for m in catalog.messages:
        forms = m.msgstr_plural.values() if m.msgid_plural is not None else [m.msgstr]
        found.update(f for f in forms if f)
        for comment in m.translator_comments:
            if comment.startswith(DROPPED_FORM):
                found[json.loads(comment.partition("]: ")[2])] += 1
    return found


@st.composite
def entry(draw: st.DrawFn, msgid: str, obsolete: bool) -> Message:
    m = Message(msgid=msgid, msgctxt=draw(st.sampled_from([None, "a", "b"])), obsolete=obsolete)
    if draw(st.booleans()):
        m.msgid_plural = msgid + "s"
        m.msgstr_plural = {i: draw(maybe) for i in range(draw(st.integers(1, 3)))}
    else:
        m.msgstr = draw(maybe)
    if draw(st.booleans()):
        m.flags = ["fuzzy"]
        if draw(st.booleans()):
            m.previous_msgid = draw(texts)
            m.previous_msgctxt = draw(st.sampled_from([None, "a"]))
    if draw(st.integers(0, 3)) == 0:
        m.flags.append("c-format")
    return m


@st.composite
def before_after(draw: st.DrawFn) -> tuple[Catalog, Catalog]:
    ids = draw(st.lists(texts, min_size=1, max_size=10, unique=True))
    old = Catalog(header=Message(msgid="", msgstr=draw(st.sampled_from(HEADERS))))
    keys: set[tuple[str | None, str]] = set()
    for msgid in ids:
        m = draw(entry(msgid, draw(st.integers(0, 3)) == 0))
        if m.key not in keys:  # a key occurs once (gettext refuses duplicates, obsolete or not)
            keys.add(m.key)
            old.messages.append(m)
    new = Catalog(header=Message(msgid="", msgstr="POT-Creation-Date: 2026\n"))
    for m in old.messages:
        how = draw(st.sampled_from(["keep", "edit", "drop", "plural", "singular", "flag"]))
        if how == "drop":
            continue
        t = Message(msgid=m.msgid + ("改" if how == "edit" else ""), msgctxt=m.msgctxt)
        if how == "plural" or (how != "singular" and m.msgid_plural is not None):
            t.msgid_plural = t.msgid + "s"
        if how == "flag":
            t.flags = ["c-format", "range: 1..5"]
        new.messages.append(t)
    new.messages.extend(Message(msgid=t) for t in draw(st.lists(texts, max_size=3)))
    seen: set[tuple[str | None, str]] = set()
    new.messages = [m for m in new.messages if not (m.key in seen or seen.add(m.key))]
    return old, new


def round_trip(catalog: Catalog) -> Catalog:
    buffer = io.BytesIO()
    dump_po(catalog, buffer)
    buffer.seek(0)
    return load_po(buffer, "mem.po")


@pytest.mark.filterwarnings("ignore::tmkit.formats.po.CharsetWarning")
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before_after(), st.booleans())
def test_translations_never_shrink(pair: tuple[Catalog, Catalog], fuzzy_matching: bool) -> None:
    old, new = pair
    before = translations(old)
    assert translations(round_trip(old)) >= before
    options = UpdateOptions(fuzzy_matching=fuzzy_matching)
    out = update_catalog(new, old, options=options).catalog
    assert translations(out) >= before
    assert translations(round_trip(out)) >= before
    # entries follow the template, one each
    assert [m.key for m in out.messages if not m.obsolete] == [m.key for m in new.messages]
