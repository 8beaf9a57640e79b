"""The rules GNU msgmerge (0.21) applies to one merged entry and to the header.

`update_catalog` (tmkit.ops.update) decides which old entry serves which
template entry; this module says what the result looks like, as msgmerge's
``message_merge`` does:

* flags gettext understands (format flags, ``range:``, ``no-wrap``) are the
  template's; the translator's own flags (``fuzzy``, ``tmkit-ignore:…``) are kept;
* a translation becomes fuzzy when the template adds a format flag its
  directives no longer satisfy (``msgfmt -c`` would reject it), or a
  ``range:`` the old one does not cover;
* a singular translation of a now plural entry fills every form; a plural one
  of a now singular entry gives its first form (the others are kept as
  ``# tmkit: was msgstr[N]: "…"`` comments (a JSON string), where msgmerge drops them); both
  become fuzzy;
* plural entries without a translation get ``nplurals`` empty forms;
* the header is the translation's, with ``Report-Msgid-Bugs-To`` and
  ``POT-Creation-Date`` from the template, the known fields in gettext's
  order, ``Language`` filled in (``--lang``, else from ``Language-Team``), and
  the charset changed to UTF-8 when the template is in UTF-8.
"""

from __future__ import annotations

import copy
import json
import locale
import re

from tmkit.model.catalog import Catalog, Message

#: The translator comment that keeps a plural form of an entry that became singular.
DROPPED_FORM = "tmkit: was msgstr"
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?([a-z-]+)-format")
_RANGE_FLAG = re.compile(r"range:\s*(\d+)\s*\.\.\s*(\d+)")
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")


def is_gettext_flag(flag: str) -> bool:
    """Flags whose value the template decides (msgmerge copies them from the reference)."""
    return bool(
        _FORMAT_FLAG.fullmatch(flag) or _RANGE_FLAG.fullmatch(flag) or flag in ("wrap", "no-wrap")
    )


def _formats(flags: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for flag in flags:
        m = _FORMAT_FLAG.fullmatch(flag.strip())
        if m:
            found[m.group(2)] = (m.group(1) or "yes-").rstrip("-")
    return found


def _range(flags: list[str]) -> tuple[int, int] | None:
    for flag in flags:
        m = _RANGE_FLAG.fullmatch(flag.strip())
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def needs_attention(entry: Message, old: Message) -> bool:
    """msgmerge's extra fuzzy rules: a format flag the translation breaks, a wider range."""
    if not entry.flags:
        return False  # both rules need a flag of the template's entry
    new_formats = _formats(entry.flags)
    old_formats = _formats(old.flags)
    for lang, state in new_formats.items():
        if (
            state in ("yes", "possible")
            and old_formats.get(lang) not in ("yes", "possible")
            and not _directives_agree(entry, lang)
        ):
            return True
    new_range = _range(entry.flags)
    if new_range is not None:
        old_range = _range(old.flags)
        if old_range is None or not (old_range[0] <= new_range[0] and old_range[1] >= new_range[1]):
            return True
    return False


# ----------------------------------------------------------------- format directives

_C_DIRECTIVE = re.compile(
    r"%(?:(\d+)\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
    r"(hh|h|ll|l|L|q|j|z|Z|t)?(.?)"
)
_C_TYPES = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "uint"),
            **dict.fromkeys("eEfFgGaA", "double"), "c": "char", "s": "string",
            "p": "pointer", "n": "count"}  # fmt: skip
_PY_DIRECTIVE = re.compile(r"%(?:\(([^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?(.?)")
_PY_TYPES = {**dict.fromkeys("diouxXc", "int"), **dict.fromkeys("eEfFgG", "float"),
             **dict.fromkeys("rsa", "object")}  # fmt: skip
_BRACE = re.compile(r"\{\{|\}\}|\{([^{}!:]*)[^{}]*\}")


def _c_args(text: str) -> list[str] | None:
    """Argument types of a C format string in order (numbered ones by number); None if invalid."""
    numbered: dict[int, str] = {}
    plain: list[str] = []
    for m in _C_DIRECTIVE.finditer(text):
        conv = m.group(3)
        if conv == "%":
            continue
        kind = _C_TYPES.get(conv)
        if kind is None:
            return None
        kind = (m.group(2) or "") + kind
        if m.group(1):
            numbered[int(m.group(1))] = kind
        else:
            plain.append(kind)
    if numbered and plain:
        return None
    return [numbered[k] for k in sorted(numbered)] if numbered else plain


def _python_args(text: str) -> tuple[frozenset, tuple] | None:
    names: set[tuple[str, str]] = set()
    plain: list[str] = []
    for m in _PY_DIRECTIVE.finditer(text):
        conv = m.group(2)
        if conv == "%":
            continue
        kind = _PY_TYPES.get(conv)
        if kind is None:
            return None
        if m.group(1) is not None:
            names.add((m.group(1), kind))
        else:
            plain.append(kind)
    if names and plain:
        return None
    return frozenset(names), tuple(plain)


def _brace_args(text: str) -> frozenset[str]:
    return frozenset(m.group(1) for m in _BRACE.finditer(text) if m.group(1) is not None)


_PARSERS = {"c": _c_args, "objc": _c_args, "python": _python_args, "python-brace": _brace_args}


def _agree(lang: str, source: str, translation: str, strict: bool) -> bool:
    parse = _PARSERS.get(lang)
    if parse is None:
        return True  # a language tmkit does not model: msgfmt -c is not second-guessed
    wanted, got = parse(source), parse(translation)
    if wanted is None:
        return True  # the template's own string is not a valid format: nothing to compare
    if got is None:
        return False
    if strict or lang in ("python", "python-brace"):
        return wanted == got
    # a plural form may leave out trailing arguments (as msgfmt -c allows)
    return isinstance(got, list) and wanted[: len(got)] == got


def _directives_agree(entry: Message, lang: str) -> bool:
    if entry.msgid_plural is None:
        return not entry.msgstr or _agree(lang, entry.msgid, entry.msgstr, True)
    forms = entry.msgstr_plural
    for index, form in forms.items():
        source = entry.msgid if index == 0 else entry.msgid_plural
        if form and not _agree(lang, source, form, len(forms) == 1):
            return False
    return True


# ----------------------------------------------------------------- plural forms


def nplurals(header: Message | None) -> int:
    """The header's ``nplurals`` (2 when it has none or an invalid one, as gettext)."""
    if header is not None:
        m = _NPLURALS.search(header.msgstr)
        if m and 0 < int(m.group(1)) <= 100:
            return int(m.group(1))
    return 2


def fill_forms(entry: Message, old: Message | None, count: int) -> bool:
    """Set the translation of ``entry`` from ``old`` across a singular/plural change.

    Returns True when the number of forms changed (msgmerge then marks it fuzzy).
    Without ``old``, a plural entry gets ``count`` empty forms.
    """
    if entry.msgid_plural is None:
        if old is None:
            return False
        if old.msgid_plural is None:
            entry.msgstr = old.msgstr
            return False
        entry.msgstr = old.msgstr_plural.get(0, "")
        # msgmerge drops the other forms; tmkit keeps them where the translator sees them
        entry.translator_comments = [
            *old.translator_comments,
            *(f"{DROPPED_FORM}[{i}]: {json.dumps(form, ensure_ascii=False)}"
              for i, form in sorted(old.msgstr_plural.items()) if i and form),
        ]  # fmt: skip
        return True
    if old is None or (old.msgid_plural is not None and not any(old.msgstr_plural.values())):
        entry.msgstr_plural = dict.fromkeys(range(count), "")
        return False
    if old.msgid_plural is not None:
        entry.msgstr_plural = dict(old.msgstr_plural)
        return False
    entry.msgstr_plural = dict.fromkeys(range(count), old.msgstr)
    return True


# ----------------------------------------------------------------- the header

#: The header fields msgmerge knows, in the order it writes them.
KNOWN_FIELDS = (
    "Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date",
    "Last-Translator", "Language-Team", "Language", "MIME-Version", "Content-Type",
    "Content-Transfer-Encoding",
)  # fmt: skip
_FROM_TEMPLATE = ("Report-Msgid-Bugs-To", "POT-Creation-Date")
# English names gettext knows and Python's locale alias table does not.
_LANGUAGE_NAMES = {
    "chinese": "zh", "irish": "ga", "ukrainian": "uk", "vietnamese": "vi", "esperanto": "eo",
    "serbian": "sr", "indonesian": "id", "brazilian portuguese": "pt_BR", "bulgarian": "bg",
    "basque": "eu", "belarusian": "be", "kinyarwanda": "rw", "malay": "ms", "hindi": "hi",
    "persian": "fa", "arabic": "ar", "romanian": "ro", "slovenian": "sl", "slovak": "sk",
    "croatian": "hr", "lithuanian": "lt", "latvian": "lv", "estonian": "et", "turkish": "tr",
    "thai": "th", "korean": "ko", "greek": "el", "hebrew": "he", "welsh": "cy",
    "galician": "gl", "norwegian bokmal": "nb", "norwegian nynorsk": "nn",
    "simplified chinese": "zh_CN", "traditional chinese": "zh_TW",
}  # fmt: skip


def _fields(msgstr: str) -> list[tuple[str, str]]:
    """(name, whole line) per header line; a line without a colon keeps an empty name."""
    lines = msgstr.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [(line.partition(":")[0].strip() if ":" in line else "", line) for line in lines]


def _language_from_team(team: str) -> str:
    name = team.partition("<")[0].strip().lower()
    if name in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[name]
    alias = locale.locale_alias.get(name)
    if alias is None or name in ("c", "posix"):
        return ""
    return re.split(r"[_.@]", alias)[0]


_CHARSET = re.compile(r"charset=([^\s;]+)")


def _charset(header: Message | None) -> str | None:
    """The declared charset, upper case, UTF8 spelled UTF-8; None when there is none."""
    if header is None:
        return None
    m = _CHARSET.search(header.msgstr)
    return m.group(1).upper().replace("UTF8", "UTF-8") if m else None


def merge_header(old: Message | None, template: Catalog, lang: str | None) -> Message | None:
    """The header of the merged catalog, as msgmerge writes it (see the module docstring)."""
    if old is None:
        return copy.deepcopy(template.header)
    header = copy.deepcopy(old)
    fields = _fields(header.msgstr)
    known = {name: line for name, line in fields if name in KNOWN_FIELDS}
    others = [line for name, line in fields if name not in KNOWN_FIELDS]
    if template.header is not None:
        for name, line in _fields(template.header.msgstr):
            if name in _FROM_TEMPLATE:
                known[name] = line
    if lang is not None:
        known["Language"] = f"Language: {lang}"
    elif "Language" not in known and "Language-Team" in known:
        team = known["Language-Team"].partition(":")[2]
        known["Language"] = f"Language: {_language_from_team(team)}"
    content_type = known.get("Content-Type")
    if content_type is not None and _charset(template.header) == "UTF-8":
        # msgmerge converts a translation to UTF-8 when its template is in UTF-8
        ours = _CHARSET.search(content_type)
        if ours and ours.group(1).upper() not in ("UTF-8", "CHARSET"):
            known["Content-Type"] = _CHARSET.sub("charset=UTF-8", content_type, count=1)
    lines = [known[name] for name in KNOWN_FIELDS if name in known] + others
    header.msgstr = "".join(line + "\n" for line in lines)
    return header
