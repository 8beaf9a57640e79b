"""The glossary rules over one source/target pair: missing, forbidden, source variant."""

from __future__ import annotations

import re

from tmkit.glossary.matcher import ConceptCheck, GlossaryFinding, GlossaryMatcher

_ASCII_ALNUM = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ADDRESS_HINT = re.compile(r"://|www\.|@", re.IGNORECASE)
# pyahocorasick (2.3.1) frees its trie recursively, one C frame per character of a key:
# a key of ~600,000 characters overflows an 8 MiB stack (SIGSEGV when the matcher is
# freed), less on smaller thread stacks. No real term comes near this bound.
MAX_TERM_CHARS = 1000


def glossary_findings(matcher: GlossaryMatcher, source: str, target: str) -> list[GlossaryFinding]:
    """All three rules for one pair, in source order."""
    checks = matcher.check_pair(source, target)
    if not checks:
        return []
    return missing(checks, target) + forbidden(checks) + source_variant(matcher, checks)


def missing(checks: list[ConceptCheck], target: str) -> list[GlossaryFinding]:
    """glossary.missing (error): the source names a concept, the target has no allowed term."""
    if not target.strip():
        return []  # untranslated is another rule's business
    out = []
    for check in checks:
        if check.rendered:
            continue
        hit = check.source_hits[0]
        expected = tuple(t.text for t in check.required)
        out.append(
            GlossaryFinding(
                "glossary.missing",
                "error",
                f"{hit.text} should be rendered as {_either(expected)}",
                check.concept,
                source_span=(hit.start, hit.end),
                expected=expected,
            )
        )
    return out


def forbidden(checks: list[ConceptCheck]) -> list[GlossaryFinding]:
    """glossary.forbidden (error): a deprecated or superseded rendering in the target."""
    out = []
    for check in checks:
        if not check.forbidden_found:
            continue
        expected = tuple(t.text for t in check.required)
        for hit in check.forbidden_found:
            use = f"; use {_either(expected)}" if expected else ""
            out.append(
                GlossaryFinding(
                    "glossary.forbidden",
                    "error",
                    f"{hit.text!r} is a {hit.status} term{use}",
                    check.concept,
                    source_span=(check.source_hits[0].start, check.source_hits[0].end),
                    target_span=(hit.start, hit.end),
                    expected=expected,
                )
            )
    return out


def source_variant(matcher: GlossaryMatcher, checks: list[ConceptCheck]) -> list[GlossaryFinding]:
    """glossary.source-variant (info): the source uses a non-preferred variant of a term."""
    out = []
    for check in checks:
        for hit in check.source_hits:  # a loop, not all(): asked for every mention
            if hit.term.status != "preferred":
                break
        else:
            continue
        preferred = tuple(t.text for t in matcher.source_preferred(check.concept))
        for hit in check.source_hits:
            if hit.term.status == "preferred" or not preferred:
                continue
            out.append(
                GlossaryFinding(
                    "glossary.source-variant",
                    "info",
                    f"source uses the {hit.term.status} variant {hit.text}; "
                    f"the preferred term is {_either(preferred)}",
                    check.concept,
                    source_span=(hit.start, hit.end),
                    expected=preferred,
                )
            )
    return out


def _either(texts: tuple[str, ...]) -> str:
    quoted = [repr(t) for t in texts]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]
