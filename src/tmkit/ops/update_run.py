"""`tmkit update` end to end: read, merge (`tmkit.ops.update`), shape the output, write.

The output options are msgmerge's: ``--for-msgfmt``, ``--sort-output``,
``--sort-by-file``, ``--add-location``; the backups are ``msgmerge -U``'s
(``--backup=numbered|existing|simple|none``, ``--suffix``). A translation
that does not exist yet is created from the template, as ``msginit``
followed by ``msgmerge`` would.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

from tmkit.formats.atomic import write_bytes_atomic
from tmkit.formats.po import encode_po, looks_like_po, read_po, write_po_stream
from tmkit.model.catalog import Catalog, Message
from tmkit.model.errors import InputError, ParseError
from tmkit.model.progress import Progress, stage
from tmkit.ops.update import UpdateOptions, UpdateResult, has_translation, update_catalog

_REFERENCE = re.compile(r"(.*):(\d+)")


def _job_format(path: Path) -> str | None:
    """The format of a translation that is a catalog but not PO (an XLIFF job), else None."""
    from tmkit.formats import io
    from tmkit.model.errors import TmkitError

    if path.suffix.lower() in (".po", ".pot"):
        return None
    try:
        fmt = io.detect(path, kind="catalog")
    except TmkitError:
        return None
    return None if fmt.name == "po" else fmt.name


def _read(path: Path, what: str) -> Catalog:
    """A PO file recognised by its content, whatever its name (gettext's tests use ``.in2``);
    a job in another catalog format (XLIFF) through the gateway."""
    if path.exists() and _job_format(path) is not None:
        from tmkit.ops.inputs import read_input

        data = read_input(path).data
        if not isinstance(data, Catalog):
            raise InputError(f"the {what} must be a catalog (PO, POT or an XLIFF job)", str(path))
        return data
    try:
        return read_po(path)
    except ParseError:
        with open(path, "rb") as fh:
            head = fh.read(4096)
        if head.strip() and not looks_like_po(head):
            raise InputError(f"the {what} must be a PO file", str(path)) from None
        raise


def _read_template(path: Path) -> Catalog:
    """The template as `_read` gives it, but a PO template's entries are read as the
    update takes them (it goes through them once): they are never all held.

    Its header is read first; an error further on comes out of the update, as
    `_read` would have said it."""
    if (path.exists() and _job_format(path) is not None) or not path.is_file():
        return _read(path, "template")
    from tmkit.formats.po_stream import iter_po

    try:
        header, messages = iter_po(path)
    except ParseError:
        return _read(path, "template")  # raises, with `_read`'s message

    def checked() -> Iterator[Message]:
        try:
            yield from messages
        except ParseError:
            _read(path, "template")  # raises the error reading the file whole gives
            raise

    return Catalog(messages=checked(), header=header, path=str(path))  # type: ignore[arg-type]


def new_translation(template: Catalog, path: Path, lang: str | None) -> Catalog:
    """What msginit makes of a template: its header, not fuzzy, UTF-8, with a Language."""
    catalog = Catalog(path=str(path))
    header = Message(msgid="")
    if template.header is not None:
        header.translator_comments = list(template.header.translator_comments)
        header.msgstr = template.header.msgstr
    catalog.header = header
    language = lang or _language_of(path)
    catalog.set_metadata("Language", language)
    content_type = catalog.metadata.get("Content-Type", "")
    if "charset=CHARSET" in content_type or not content_type:
        catalog.set_metadata("Content-Type", "text/plain; charset=UTF-8")
    return catalog


def _language_of(path: Path) -> str:
    """msginit's guess from the file name: ``de.po``, ``pt_BR.po``; else empty."""
    stem = path.name.partition(".")[0]
    return stem if re.fullmatch(r"[a-z]{2,3}(?:_[A-Z]{2})?(?:@\w+)?", stem) else ""


def shape_output(catalog: Catalog, options: UpdateOptions) -> Catalog:
    """Apply the output options (sorting, locations, --for-msgfmt) to a merged catalog."""
    messages = catalog.messages
    header = catalog.header
    if options.for_msgfmt:
        messages = [
            _for_msgfmt(m)
            for m in messages
            if not m.obsolete and not m.fuzzy and has_translation(m)
        ]
        if header is not None:
            header = _for_msgfmt(header)
    if options.location != "full":
        messages = [_located(m, options.location) for m in messages]
    if options.sort == "msgid":
        messages = sorted(messages, key=lambda m: (_bytes(m.msgctxt), _bytes(m.msgid)))
    elif options.sort == "file":
        messages = sorted(messages, key=_file_key)
    return Catalog(messages=list(messages), header=header, path=catalog.path)


def _bytes(text: str | None) -> bytes:
    return b"" if text is None else text.encode("utf-8")


def _file_key(message: Message) -> tuple:
    """gettext's sort by file position: entries without one first, then by first file, line."""
    places = []
    for reference in message.references:
        m = _REFERENCE.fullmatch(reference)
        places.append((_bytes(m.group(1)), int(m.group(2))) if m else (_bytes(reference), 0))
    places.sort()
    # ties (and entries without references, which come first) go by msgid, then msgctxt
    ties = (_bytes(message.msgid), message.msgctxt is not None, _bytes(message.msgctxt))
    return (1, places[0], ties) if places else (0, (), ties)


def _copy(message: Message, **changes) -> Message:
    fields = {name: getattr(message, name) for name in Message.__slots__}
    fields.update(changes)
    return Message(**fields)


def _for_msgfmt(message: Message) -> Message:
    return _copy(message, translator_comments=[], extracted_comments=[], references=[])


def _located(message: Message, location: str) -> Message:
    if location == "never":
        return _copy(message, references=[])
    files = []
    for reference in message.references:
        for token in reference.split():
            m = _REFERENCE.fullmatch(token)
            files.append(m.group(1) if m else token)
    return _copy(message, references=list(dict.fromkeys(files)))


def backup_name(path: Path, control: str, suffix: str) -> Path | None:
    """Where ``msgmerge -U --backup=CONTROL`` keeps the old file (None: no backup)."""
    if control in ("none", "off"):
        return None
    numbers = [
        int(m.group(1))
        for p in path.parent.glob(path.name + ".~*~")
        if (m := re.fullmatch(re.escape(path.name) + r"\.~(\d+)~", p.name))
    ]
    numbered = control in ("numbered", "t") or (control in ("existing", "nil") and numbers)
    if numbered:
        return path.with_name(f"{path.name}.~{max(numbers, default=0) + 1}~")
    return path.with_name(path.name + suffix)


def run_update(
    template_path: Path,
    translation_path: Path,
    options: UpdateOptions,
    output: str | None = None,
    memories: list[str] = (),
    compendia: list[Path] = (),
    backup: str | None = None,
    suffix: str = "~",
    languages: tuple[str | None, str | None] = (None, None),
    progress: Progress | None = None,
) -> tuple[UpdateResult, str]:
    """Update ``translation_path`` from ``template_path``; returns the result and where it went.

    ``output`` None writes in place (after a backup when asked), ``-`` to stdout.
    """
    template = _read_template(template_path)
    existed = translation_path.exists()
    if existed:
        old = _read(translation_path, "translation")
    else:
        old = new_translation(template, translation_path, options.lang)
    comps = [read_po(p) for p in compendia]
    memory = None
    if memories:
        from tmkit.ops.inputs import load_memories
        from tmkit.ops.merge import MergeInput

        stage(progress, "loading the memory")
        memory = load_memories(memories, MergeInput(str(translation_path), old), *languages)
    result = update_catalog(
        template, old, memory, options=options, compendia=comps, progress=progress
    )
    # The inputs are done with: their entries (two catalogs' worth) are freed before
    # the output is written, when memory peaks.
    del template, old, comps, memory
    catalog = shape_output(result.catalog, options)
    target = Path(output) if output not in (None, "-") else translation_path
    job = _job_format(target) if output != "-" else None
    if job is not None:  # an XLIFF job stays one (see `_write_job`)
        _write_job(catalog, target, job, template_path)
        return result, str(target)
    if output == "-":
        data, _lines = encode_po(catalog, options.width)
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return result, "<stdout>"
    target = Path(output) if output is not None else translation_path
    if output is None and existed and backup is not None:
        kept = backup_name(translation_path, backup, suffix)
        if kept is not None:
            try:
                kept.write_bytes(translation_path.read_bytes())
            except OSError as exc:
                raise InputError(
                    f"cannot write a backup: {exc.strerror or exc}", str(kept)
                ) from None
    # Written entry by entry: the output is never held as text, nor as bytes.
    if not write_po_stream(catalog.header, catalog.messages, target, options.width):
        write_bytes_atomic(target, encode_po(catalog, options.width)[0])  # a legacy charset
    return result, str(target)


def _write_job(catalog: Catalog, path: Path, format: str, template: Path) -> None:
    """Write ``catalog`` as a job of ``format``. An XLIFF job keeps its version; one that
    tmkit did not write keeps its own document: the template's when the template is such
    a job too (its structure is the new one, as with msgmerge), else the translation's."""
    from tmkit.formats import io

    options = {}
    if format == "xliff":
        options["into"] = template if _job_format(template) == format else path
    io.write(catalog, path, format=format, **options)
