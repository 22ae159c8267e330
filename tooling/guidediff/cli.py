"""The command line: a thin layer over the library. Library errors become one ``Error:`` line
and exit code 1; bad usage exits 2 (click's convention)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from . import files
from .compare.diff import diff as diff_guidelines
from .corpus import batch
from .corpus.build import build_comparison, build_entry
from .corpus.manifest import load_manifest
from .errors import GuidediffError, InputError
from .normalize.pipeline import load, normalize_file
from .read.raw import DEFAULT_MAX_BYTES
from .render import FORMATS, RenderOptions
from .render import show as show_mod
from .render.i18n import LANGS
from .render.write import DEFAULT_FORMATS, write_reports
from .version import __version__

F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except GuidediffError as e:
            raise click.ClickException(str(e)) from None

    return wrapper  # type: ignore[return-value]


def _progress(msg: str) -> None:
    click.echo(msg, err=True)


def _warn(msg: str) -> None:
    click.echo(f"Warning: {msg}", err=True)


class _Warnings:
    """Echo warnings on stderr as they come; with --strict, any warning fails the command."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.seen: list[str] = []

    def __call__(self, msg: str) -> None:
        self.seen.append(msg)
        _warn(msg)

    def check(self) -> None:
        if self.strict and self.seen:
            raise GuidediffError(f"{len(self.seen)} warning(s) and --strict: stopping")


strict_option = click.option(
    "--strict", is_flag=True,
    help="Fail (exit 1) on any warning: directions found differ from the number the document "
         "states, a direction without a title, count or budget, a DOCX with tracked changes.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="guidediff")
def cli() -> None:
    """Track how funding-call guidelines (申报指南) change.

    guidediff normalizes guideline texts into per-direction XML, aligns the directions of two
    versions, and reports what changed, clause by clause.

    \b
    Start with:
      guidediff build                 normalize the corpus named by corpus/manifest.toml
      guidediff show FILE             list a document's directions with budgets and counts
      guidediff normalize FILE -o DIR write the normalized XML of any guideline text
    """


max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse input files larger than this.")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), default=".",
              show_default=True, help="Directory for the XML files (one FILE.xml per input).")
@click.option("--check", "check_only", is_flag=True,
              help="Only verify that nothing is lost (body text + artifacts give back the input);"
                   " write nothing.")
@click.option("--strict", is_flag=True,
              help="Fail the run (exit 1) if any file is bad or has a warning (directions found "
                   "differ from the number stated, a direction without title, count or budget).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for many files.")
@max_bytes_option
@_errors_to_exit
def normalize(files: tuple[str, ...], out_dir: str, check_only: bool, strict: bool, jobs: int,
              max_bytes: int) -> None:
    """Normalize guideline texts into guidediff XML.

    Reads UTF-8 (with or without BOM), UTF-16 (with BOM) and GB18030/GBK text. Each FILE becomes
    OUT/<name>.xml, validated against the schema shipped in the package, after checking that it
    holds every character of the input. A bad file is reported with its reason and skipped; with
    --strict (or when every file is bad) the exit code is 1. Output files are written whole or
    not at all.
    """
    job = functools.partial(_normalize_one, out_dir=out_dir, check_only=check_only,
                            max_bytes=max_bytes, strict=strict)
    bad = 0
    for k, outcome in enumerate(batch.run(job, list(files), jobs), 1):
        prefix = f"[{k}/{len(files)}] " if len(files) > 1 else ""
        if outcome.error is not None:
            bad += 1
            click.echo(f"{prefix}Error: {outcome.error}", err=True)
        elif outcome.result is not None:
            message, warnings = outcome.result
            for w in warnings:
                _warn(w)
            if warnings and strict:
                bad += 1
                click.echo(f"{prefix}Error: {files[k - 1]}: {len(warnings)} warning(s) and "
                           "--strict", err=True)
            else:
                click.echo(f"{prefix}{message}")
    if bad and (strict or bad == len(files)):
        sys.exit(1)


def _normalize_one(path: str, out_dir: str, check_only: bool, max_bytes: int,
                   strict: bool) -> tuple[str, tuple[str, ...]]:
    n = normalize_file(path, max_bytes=max_bytes)
    rep = n.check()
    dirs = len(n.guideline.directions)
    warned = f"; {len(n.warnings)} warning(s)" if n.warnings else ""
    if check_only:
        verdict = "checked" if n.warnings else "ok"
        return (f"{path}: {verdict}, nothing lost ({rep.body_chars} body + {rep.artifact_chars}"
                f" artifact characters = {rep.input_chars}); {dirs} directions{warned}",
                n.warnings)
    if strict and n.warnings:
        return "", n.warnings
    target = files.safe_child(out_dir, Path(path).stem + ".xml")
    files.write_bytes(target, n.xml_bytes())
    return (f"{path} → {Path(out_dir) / target.name} ({dirs} directions, encoding "
            f"{n.raw.encoding}){warned}", n.warnings)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("-d", "--direction", "direction_id", metavar="ID",
              help="Show one direction (its printed number, e.g. 1.1) field by field.")
@strict_option
@max_bytes_option
@_errors_to_exit
def show(file: str, direction_id: str | None, strict: bool, max_bytes: int) -> None:
    """Print a document's directions as a table, or one direction's fields and typed values.

    FILE may be a guideline text or a normalized XML file.
    """
    warn = _Warnings(strict)
    g = load(file, max_bytes, warn)
    warn.check()
    if direction_id is None:
        click.echo(show_mod.directions_table(g), nl=False)
        return
    d = g.direction(direction_id)
    if d is None:
        ids = ", ".join(x.id for x in g.directions)
        raise InputError(f"no direction {direction_id} (it has {ids})", file)
    click.echo(show_mod.direction_detail(d), nl=False)


@cli.command()
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default="corpus",
              show_default=True, help="The corpus directory holding manifest.toml.")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False), default="reports",
              show_default=True, help="Where the reports of each comparison are written.")
@click.option("--strict", is_flag=True,
              help="Fail the run (exit 1) if any document is bad or has a warning.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for many documents.")
@_errors_to_exit
def build(corpus_dir: str, reports_dir: str, strict: bool, jobs: int) -> None:
    """Normalize the corpus and report every comparison it names.

    Reads CORPUS/manifest.toml: each [[document]] names its raw file, year, batch, stage and
    sha256 (a mismatch is an error); each [[comparison]] names an old and a new document. Writes
    CORPUS/xml/<id>.xml for each document, then REPORTS/<old>__<new>.changes.json (the change
    log) and .summary.txt for each comparison. Output is deterministic: the same inputs give the
    same bytes.
    """
    manifest = load_manifest(corpus_dir)
    job = functools.partial(build_entry, out_dir=manifest.xml_dir)
    entries = list(manifest.entries)
    failed: set[str] = set()
    for k, outcome in enumerate(batch.run(job, entries, jobs), 1):
        if outcome.error is not None:
            failed.add(outcome.item.meta.id)
            _progress(f"[{k}/{len(entries)}] Error: {outcome.error}")
        elif outcome.result is not None:
            r = outcome.result
            for w in r.warnings:
                _warn(w)
            if r.warnings and strict:
                failed.add(r.doc_id)
            _progress(f"[{k}/{len(entries)}] {r.doc_id}: {r.directions} directions → {r.path}")
    if failed and (strict or len(failed) == len(entries)):
        sys.exit(1)
    for c in manifest.comparisons:
        if {c.old, c.new} & failed:
            _progress(f"skipped {c.old} → {c.new}: a document failed")
            continue
        for path in build_comparison(manifest, c, Path(reports_dir)):
            _progress(f"{c.old} → {c.new}: {path}")


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True,
              help="text: a readable summary; json: the change log (contract "
                   "guidediff.changes/1); html, docx (tracked changes), table (新旧对照表 DOCX), "
                   "csv. Binary formats need -o.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of labels in the text summary.")
@click.option("--show-format-only", is_flag=True,
              help="Also list changes of format only (numbering, punctuation width, dashes, "
                   "spacing) in the text summary. The JSON log always has them, flagged.")
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write to this file (whole or not at all) instead of standard output.")
@strict_option
@max_bytes_option
@_errors_to_exit
def diff(old: str, new: str, fmt: str, lang: str, show_format_only: bool, output: str | None,
         strict: bool, max_bytes: int) -> None:
    """Compare two versions of a guideline: which directions match, what changed in each.

    OLD and NEW are guideline texts or normalized XML. Directions are matched by content
    (agreements, partner, title, areas), never by number; each matched pair is compared clause by
    clause into typed events (budget, project count, duration, contacts, links, areas,
    requirements…), and each document's stated totals are reconciled with its directions.
    """
    if fmt in ("docx", "table") and not output:
        raise click.UsageError(f"--format {fmt} writes a Word file: give -o FILE")
    warn = _Warnings(strict)
    log = diff_guidelines(load(old, max_bytes, warn), load(new, max_bytes, warn))
    warn.check()
    data = FORMATS[fmt](log, RenderOptions(lang=lang, show_format_only=show_format_only))
    if output:
        files.write_bytes(output, data)
        _progress(f"wrote {output}")
    else:
        click.echo(data.decode("utf-8"), nl=False)


@cli.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), required=True,
              help="Directory for the reports (created if missing).")
@click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help="Comma-separated: html (one self-contained page), docx (Word with tracked "
                   "changes), table (新旧对照表), memo (change memo, DOCX and Markdown), csv, "
                   "json, text.")
@click.option("--lang", type=click.Choice(LANGS), default="zh", show_default=True,
              help="Language of labels and of the memo.")
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="Date of the DOCX revisions and properties (default: 1 January of the newer "
                   "document's year). No wall-clock time is written unless given here.")
@click.option("--unchanged", type=click.Choice(["show", "abridge", "omit"]), default="abridge",
              show_default=True, help="Unchanged clauses in the 新旧对照表.")
@click.option("--show-format-only", is_flag=True,
              help="Show format-only changes in summaries and tables (the HTML has a toggle).")
@click.option("--name", "stem", metavar="STEM",
              help="File name stem (default: OLD__NEW from the input names).")
@strict_option
@max_bytes_option
@_errors_to_exit
def report(old: str, new: str, out_dir: str, formats: str, lang: str, date: str | None,
           unchanged: str, show_format_only: bool, stem: str | None, strict: bool,
           max_bytes: int) -> None:
    """Write the change reports of OLD → NEW into a directory.

    OLD and NEW are guideline texts or normalized XML. Every report is generated from the same
    change events; files are written whole or not at all, and the same inputs give the same
    bytes.
    """
    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in DEFAULT_FORMATS]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(DEFAULT_FORMATS)}", param_hint="--format")
    if date is not None and not _valid_date(date):
        raise click.BadParameter("expected YYYY-MM-DD", param_hint="--date")
    warn = _Warnings(strict)
    log = diff_guidelines(load(old, max_bytes, warn), load(new, max_bytes, warn))
    warn.check()
    opts = RenderOptions(lang=lang, show_format_only=show_format_only, date=date,
                         unchanged=unchanged)
    name = stem or f"{Path(old).stem}__{Path(new).stem}"
    for path in write_reports(log, out_dir, name, wanted, opts):
        click.echo(str(path))


def _valid_date(s: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(s)
    except ValueError:
        return False
    return True


def main() -> None:
    cli(prog_name="guidediff")
