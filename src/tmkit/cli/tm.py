"""`tmkit tm`: a stored translation memory (SQLite file or PostgreSQL server)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from tmkit.cli.application import app
from tmkit.model.errors import UsageError

tm_app = typer.Typer(
    help="A shared translation memory: sqlite:///tm.db or postgresql://… "
    "(credentials from PGPASSWORD, ~/.pgpass or a service file).",
    no_args_is_help=True,
)
app.add_typer(tm_app, name="tm")

SPEC = typer.Argument(..., help="The memory: sqlite:///path/tm.db or postgresql://host/db.")


def _filters(project, creator, since, until):
    from tmkit.ops.tm import Filters

    return Filters(project=project, creator=creator, since=since, until=until)


@tm_app.command("init")
def init(
    spec: str = SPEC,
    source_lang: str = typer.Option("ja", "--source-lang", help="Source language."),
    target_lang: str = typer.Option(..., "--target-lang", help="Target language."),
) -> None:
    """Create an empty memory for SOURCE-LANG → TARGET-LANG."""
    from tmkit.ops import tm

    tm.init(spec, source_lang, target_lang)
    typer.echo(f"tmkit tm init: {spec}: {source_lang}→{target_lang}, empty", err=True)


@tm_app.command("upgrade")
def upgrade(spec: str = SPEC) -> None:
    """Migrate the memory's schema to this tmkit's version."""
    from tmkit.ops import tm

    before, after = tm.upgrade(spec)
    typer.echo(f"tmkit tm upgrade: {spec}: schema {before} → {after}", err=True)


@tm_app.command("import")
def import_(
    spec: str = SPEC,
    files: list[Path] = typer.Argument(..., help="TMX, PO (or other bilingual) files."),
    prefer: str = typer.Option(
        "newest",
        "--prefer",
        help="A known source and context with another target: newest (later change date "
        "wins; the old target goes to the history), first (keep what is stored), keep-both.",
    ),
    project: str | None = typer.Option(None, "--project", help="Project of units that name none."),
) -> None:
    """Import FILES in one transaction (all or nothing); conflicts are listed on stderr."""
    from tmkit.ops import tm

    report = tm.import_files(spec, files, prefer, project)
    for c in report.conflicts:
        where = f" [{c.context}]" if c.context is not None else ""
        typer.echo(
            f"{c.origin or spec}: conflict: {c.source!r}{where}: {c.outcome}: "
            f"kept {c.kept!r}, other {c.other!r}",
            err=True,
        )
    typer.echo(f"tmkit tm import: {spec}: {report.summary()}", err=True)


@tm_app.command("export")
def export(
    spec: str = SPEC,
    output: Path = typer.Option(..., "-o", "--output", help="The TMX file to write."),
    project: str | None = typer.Option(None, "--project", help="Only this project."),
    creator: str | None = typer.Option(None, "--creator", help="Only this translator."),
    since: str | None = typer.Option(
        None, "--since", help="Changed at or after (TMX date, e.g. 20260101T000000Z)."
    ),
    until: str | None = typer.Option(None, "--until", help="Changed at or before."),
) -> None:
    """Write the memory (or the units the filters select) as TMX 1.4b."""
    from tmkit.ops import tm

    count = tm.export(spec, output, _filters(project, creator, since, until))
    typer.echo(f"tmkit tm export: wrote {count} units to {output}", err=True)


@tm_app.command("search")
def search(
    spec: str = SPEC,
    query: str = typer.Argument(..., help="A source segment, or with --concordance a term."),
    threshold: float = typer.Option(75.0, "--threshold", min=0, max=100, help="Fuzzy threshold."),
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many hits."),
    concordance: bool = typer.Option(
        False, "--concordance", help="Substring search in sources and targets, highlighted."
    ),
    where: str = typer.Option("both", "--in", help="Concordance in source, target or both."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Fuzzy matches for QUERY with their scores (best first, ties to the earlier unit).

    Exit status: 0 hits found, 1 none, 2 unusable input.
    """
    from tmkit.ops import tm

    if format not in ("text", "json"):
        raise UsageError(f"unknown format {format!r} (use text or json)")
    hits = tm.search(spec, query, threshold, limit, concordance, where)
    if format == "json":
        typer.echo(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
    else:
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False)
        for h in hits:
            line = Text(f"{h.score:6.2f}  ")
            line.append_text(_marked(h.entry.source, h.source_spans))
            line.append("  →  ")
            line.append_text(_marked(h.entry.target, h.target_spans))
            if h.entry.context is not None:
                line.append(f"  [{h.entry.context}]", style="dim")
            console.print(line, soft_wrap=True)
    if not hits:
        raise typer.Exit(1)


def _marked(text: str, spans):
    from rich.text import Text

    out = Text(text)
    for start, end in spans:
        out.stylize("bold reverse", start, end)
    return out


@tm_app.command("stats")
def stats(
    spec: str = SPEC,
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Units, distinct sources, projects, translators, dates, replaced targets."""
    from tmkit.ops import tm

    summary = tm.stats(spec)
    if format == "json":
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    elif format == "text":
        for key, value in summary.items():
            typer.echo(f"{key.replace('_', ' ')}: {value}")
    else:
        raise UsageError(f"unknown format {format!r} (use text or json)")


@tm_app.command("delete")
def delete(
    spec: str = SPEC,
    source: str | None = typer.Option(None, "--source", help="Units with this source."),
    project: str | None = typer.Option(None, "--project", help="Units of this project."),
    creator: str | None = typer.Option(None, "--creator", help="Units by this translator."),
    since: str | None = typer.Option(None, "--since", help="Changed at or after."),
    until: str | None = typer.Option(None, "--until", help="Changed at or before."),
    everything: bool = typer.Option(False, "--all", help="Delete every unit."),
) -> None:
    """Delete the units selected (at least one filter, or --all)."""
    from tmkit.ops import tm

    if not everything and not any((source, project, creator, since, until)):
        raise UsageError("say which units to delete (--source, --project, … or --all)")
    count = tm.delete(spec, _filters(project, creator, since, until), source)
    typer.echo(f"tmkit tm delete: {spec}: deleted {count} units", err=True)


@tm_app.command("dedupe")
def dedupe(spec: str = SPEC) -> None:
    """Remove units repeating an earlier unit's source, context and target."""
    from tmkit.ops import tm

    count = tm.dedupe(spec)
    typer.echo(f"tmkit tm dedupe: {spec}: removed {count} duplicate units", err=True)
