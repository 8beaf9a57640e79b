"""Writing a markup document back: segments replaced by their translations, codes checked.

The rules are in `tmkit.model.codes` (the module docstring); this module is the
way back: a translation in the PO markup form is parsed, its codes are matched to
the source's by tag and number, and the native markup comes from the source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from tmkit.model.codes import Lang, MarkupDocument, escape_html
from tmkit.model.document import Segment
from tmkit.model.memory import Content, Inline, MarkupError, markup_to_content

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<&])")


def _escape_markdown(text: str, quote: bool = False) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


ESCAPES: dict[str, Callable[[str, bool], str]] = {
    "html": escape_html,
    "markdown": _escape_markdown,
}


def code_key(part: Inline) -> tuple[str, str]:
    """A code's identity: its tag and number (TMX ``i``/``x``; an XLIFF-style ``id``)."""
    attrs = part.attrs
    return part.tag, attrs.get("i") or attrs.get("x") or attrs.get("id") or ""


def code_problems(source: Content, target: Content) -> list[tuple[str, str]]:
    """What is wrong with the target's codes against the source's, as (rule, message):
    ``code.missing``, ``code.extra``, ``code.duplicated``, ``code.order``."""
    src = [code_key(p) for p in source if isinstance(p, Inline)]
    tgt = [code_key(p) for p in target if isinstance(p, Inline)]
    natives = {
        code_key(p): "".join(c for c in p.content if isinstance(c, str))
        for p in source
        if isinstance(p, Inline)
    }
    problems: list[tuple[str, str]] = []
    counts = Counter(tgt)
    known = set(src)
    for key in src:
        if key not in counts:
            problems.append(
                ("code.missing", f"code {show_code(key)} ({natives[key][:40]}) is missing")
            )
    for key, times in counts.items():
        if key not in known:
            problems.append(("code.extra", f"code {show_code(key)} is not in the source"))
        elif times > 1:
            problems.append(("code.duplicated", f"code {show_code(key)} appears {times} times"))
    pairs = {num for tag, num in src if tag == "bpt"}
    opened: list[str] = []
    for tag, num in tgt:
        if num not in pairs or tag not in ("bpt", "ept"):
            continue
        if tag == "bpt":
            opened.append(num)
        elif num not in opened:
            problems.append(("code.order", f"code </{num}> closes before <{num}> opens"))
        elif opened[-1] != num:
            problems.append(("code.order", f"codes <{opened[-1]}> and <{num}> cross"))
            opened.remove(num)
        else:
            opened.pop()
    for num in opened:
        if ("ept", num) not in counts:
            problems.append(("code.order", f"code <{num}> is never closed"))
    return problems


def show_code(key: tuple[str, str]) -> str:
    tag, num = key
    return {"bpt": f"<{num}>", "ept": f"</{num}>", "ph": f"<{num}/>"}.get(tag, f"{tag} {num}")


def target_content(seg: Segment, target: str) -> tuple[Content, list[str]]:
    """A translation of ``seg`` as content; problems found in its codes, if any."""
    if seg.content is None:
        return ((target,) if target else ()), []
    try:
        content = markup_to_content(target)
    except MarkupError as err:
        return (target,), [f"translation is not in the inline-markup form ({err}); codes put back"]
    return content, [message for _rule, message in code_problems(seg.content, content)]


def render_segment(
    seg: Segment, target: str | None, escape: Callable[[str, bool], str], attribute: bool
) -> tuple[str, list[str]]:
    """One segment's rebuilt markup (source text when ``target`` is None), and warnings."""
    if target is None:
        content = seg.content if seg.content is not None else (seg.text,)
        problems: list[str] = []
    else:
        content, problems = target_content(seg, target)
    natives = {code_key(p): p.content[0] for p in seg.content or () if isinstance(p, Inline)}
    out: list[str] = []
    if problems and seg.content is not None:
        # recovery: text without codes, the source's codes around it (tree kept)
        text = "".join(p for p in content if isinstance(p, str))
        opens = [p for p in seg.content if isinstance(p, Inline) and p.tag == "bpt"]
        rest = [p for p in seg.content if isinstance(p, Inline) and p.tag != "bpt"]
        out.extend(natives[code_key(p)] for p in opens)
        out.append(escape(text, attribute))
        out.extend(natives[code_key(p)] for p in rest)
        return "".join(out), problems
    for part in content:
        if isinstance(part, str):
            out.append(escape(part, attribute))
        else:
            out.append(natives[code_key(part)])
    return "".join(out), problems


def render(
    doc: MarkupDocument,
    translate: Callable[[Segment], str | None],
    target_lang: str | None,
    warn: Callable[[Segment, str], None] = lambda _s, _m: None,
    escape: Callable[[str, bool], str] | None = None,
) -> str:
    """The document with each translated segment in place and ``lang`` set to ``target_lang``."""
    escape = escape or ESCAPES[doc.format]
    out: list[str] = []
    for piece in doc.pieces:
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, Lang):
            out.append(target_lang if target_lang else piece.raw)
        else:
            targets = [(seg, translate(seg)) for seg in piece.segments]
            if all(t is None for _s, t in targets):
                out.append(piece.raw)
                if target_lang:
                    for seg, _t in targets:
                        warn(seg, "not translated: source text kept")
                continue
            found = dict((id(s), t) for s, t in targets)
            out.append(piece.prefix)
            for part in piece.parts:
                if isinstance(part, str):
                    out.append(part)
                    continue
                target = found[id(part)]
                if target is None:
                    warn(part, "not translated: source text kept")
                text, problems = render_segment(part, target, escape, piece.attribute)
                for p in problems:
                    warn(part, p)
                out.append(text.replace("'", "&#39;") if piece.quote == "'" else text)
            out.append(piece.suffix)
    return "".join(out)
