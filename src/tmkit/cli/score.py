"""`tmkit score`: sacrebleu metrics against references, and the reference-free QA score."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from tmkit.cli import corpus
from tmkit.cli.application import app
from tmkit.cli.corpus import ENGINE, RESUME, SCHEDULER
from tmkit.model.errors import UsageError

#: unmatched units listed in text output (all of them are in the JSON)
_TEXT_UNMATCHED_LIMIT = 20


@app.command()
def score(
    hypothesis: Path | None = typer.Argument(
        None, metavar="HYP", help="The translation to score: PO, TMX or plain text."
    ),
    ref: list[Path] = typer.Option(
        None, "--ref", "-r", help="A reference translation (repeat for several)."
    ),
    metrics: str = typer.Option(
        "bleu,chrf,chrfpp,ter", "--metrics", "-m", help="Comma-separated: bleu, chrf, chrfpp, ter."
    ),
    format: str = typer.Option("text", "--format", help="Output: text or json."),
    segments: bool = typer.Option(
        False, "--segments", help="Also list segment scores, worst first."
    ),
    ci: int = typer.Option(0, "--ci", help="Bootstrap confidence intervals with N resamples."),
    paired: Path | None = typer.Option(
        None, "--paired", help="A second hypothesis: paired bootstrap and randomisation tests."
    ),
    tokenize: str | None = typer.Option(
        None, "--tokenize", help="BLEU tokenizer (default: by target language: 13a, ja-mecab, zh)."
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="Target language of files that do not declare one (plain text)."
    ),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Worker processes (0: one per core)."),
    qa: list[Path] = typer.Option(
        None, "--qa", help="PO/TMX file for the reference-free QA score (repeatable)."
    ),
    glossary: list[Path] = typer.Option(
        None, "--glossary", "-g", help="Glossary for the QA checks (TBX, CSV or TSV)."
    ),
    qa_threshold: float = typer.Option(90.0, "--qa-threshold", help="QA pass mark (0-100)."),
    qa_weights: str = typer.Option(
        "minor=1,major=5,critical=25", "--qa-weights", help="MQM penalty weights."
    ),
    engine: str = ENGINE,
    scheduler: str | None = SCHEDULER,
    resume: bool = RESUME,
) -> None:
    """Score HYP against --ref with sacrebleu (BLEU, chrF, chrF++, TER), and/or --qa FILE.

    Exit 0, or 1 when the QA score is below the pass mark; 2 for unusable input.
    """
    from tmkit.cli.progress import progress_bar
    from tmkit.ops.check import qa_files
    from tmkit.ops.score import QAWeights, parse_metrics, score_files

    if format not in ("text", "json"):
        raise UsageError(f"unknown format {format!r} (use text or json)")
    if hypothesis is None and not qa:
        raise UsageError("nothing to score: give HYP --ref REF, or --qa FILE")
    if hypothesis is not None and not ref:
        raise UsageError("HYP needs at least one --ref")
    if ref and hypothesis is None:
        raise UsageError("--ref needs a hypothesis file (HYP)")
    if glossary and not qa:
        raise UsageError("--glossary is for the QA score: add --qa FILE")

    output: dict[str, Any] = {}
    report = None
    run = None
    if hypothesis is not None and (corpus.wants_corpus([hypothesis, *ref], engine) or resume):
        if segments or paired is not None:
            raise UsageError("--segments and --paired take files, not a sharded corpus")
        report, run = corpus.run_score(
            hypothesis,
            ref,
            engine,
            scheduler,
            metrics=parse_metrics(metrics),
            tokenize=tokenize,
            lang=lang,
            ci=ci,
            resume=resume,
        )
        output = report.to_dict() if report is not None else {}
    elif hypothesis is not None:
        with progress_bar("scoring") as progress:
            report = score_files(
                hypothesis,
                ref,
                metrics=parse_metrics(metrics),
                tokenize=tokenize,
                lang=lang,
                segments=segments,
                ci=ci,
                paired=paired,
                workers=jobs or None,
                progress=progress,
            )
        output = report.to_dict()
    qa_report = None
    if qa:
        weights = QAWeights.parse(qa_weights)
        if not 0 <= qa_threshold <= 100:
            raise UsageError("--qa-threshold must be between 0 and 100")
        qa_report = qa_files(
            [str(p) for p in qa], [str(g) for g in glossary or []], weights, qa_threshold
        )
        output["qa"] = qa_report.to_dict()

    if format == "json":
        sys.stdout.write(json.dumps(output, ensure_ascii=False, indent=2) + "\n")
    else:
        lines: list[str] = []
        if report is not None:
            lines += _text_report(report)
        if qa_report is not None:
            lines += _text_qa(qa_report)
        sys.stdout.write("\n".join(lines) + "\n")
    code = 1 if qa_report is not None and not qa_report.qa.passed else 0
    if run is not None:
        corpus.finish(run, code)
    raise typer.Exit(code)


def _figure(value: float) -> str:
    return f"{value:.2f}"


def _text_report(report: Any) -> list[str]:
    lines = []
    for m in report.metrics.values():
        line = f"{m.name}|{m.signature} = {_figure(m.score)}"
        if m.ci is not None:
            line += f" (μ = {_figure(m.ci.mean)} ± {_figure(m.ci.halfwidth)})"
        if m.details:
            line += f" {m.details}"
        lines.append(line)
    refs = ", ".join(report.references)
    lines.append(
        f"{report.n_segments} segment(s) of {report.hypothesis} scored against {refs};"
        f" {len(report.unmatched)} unmatched"
    )
    for unit in report.unmatched.units[:_TEXT_UNMATCHED_LIMIT]:
        where = f"{unit.file}:{unit.line}" if unit.line else unit.file
        what = "untranslated in" if unit.reason == "untranslated" else "missing from"
        lines.append(f"  unmatched {where}: {unit.label} ({what} {', '.join(unit.missing_from)})")
    hidden = len(report.unmatched) - _TEXT_UNMATCHED_LIMIT
    if hidden > 0:
        lines.append(f"  … and {hidden} more (--format json lists them all)")
    if report.segments is not None:
        lines += _text_segments(report)
    if report.paired is not None:
        lines += _text_paired(report.paired)
    return lines


def _text_segments(report: Any) -> list[str]:
    names = {k: m.name for k, m in report.metrics.items()}
    first = next(iter(names.values()))
    lines = ["", f"Segments, worst first by {first} (segment BLEU with effective order):"]
    for seg in report.segments:
        figures = "  ".join(f"{names[k]} {_figure(v)}" for k, v in seg.scores.items())
        where = f"line {seg.line}" if seg.line and not seg.key.startswith("line ") else ""
        lines.append(f"{figures}  [{seg.key}{', ' + where if where else ''}]")
        if seg.source:
            lines.append(f"  SRC: {seg.source}")
        lines.append(f"  HYP: {seg.hypothesis}")
        for text in seg.references:
            lines.append(f"  REF: {text}")
    return lines


def _text_paired(paired: Any) -> list[str]:
    lines = [
        "",
        f"Paired tests over {paired.n_segments} segment(s):"
        f" baseline {paired.baseline}, system {paired.system}",
    ]
    for m in paired.metrics.values():
        lines.append(
            f"{m.name}: baseline {_figure(m.baseline)}, system {_figure(m.system)}"
            f" (μ = {_figure(m.system_mean)} ± {_figure(m.system_ci)});"
            f" paired bootstrap p = {m.bootstrap_p:.4f}, approximate randomisation"
            f" p = {m.randomization_p:.4f}"
        )
        lines.append(f"  bs: {m.bootstrap_signature}")
        lines.append(f"  ar: {m.randomization_signature}")
    return lines


def _text_qa(qa_report: Any) -> list[str]:
    qa = qa_report.qa
    verdict = "PASS" if qa.passed else "FAIL"
    files = ", ".join(qa_report.files)
    counts = ", ".join(f"{n} {sev}" for sev, n in qa.counts.items())
    per = qa.penalty_per_1000
    per_text = "n/a" if per is None else f"{per:.2f}"
    lines = [
        f"QA score {qa.score:.2f} / 100: {verdict} (pass mark {qa.threshold:g}) for {files}",
        f"  {qa_report.units} unit(s), {qa.source_chars} source characters; findings: {counts};"
        f" {qa.points:g} penalty points = {per_text} per 1,000 source characters",
    ]
    for rule, entry in qa.by_rule.items():
        lines.append(f"  {rule}: {entry['count']} × {entry['severity']} = {entry['points']:g}")
    return lines
