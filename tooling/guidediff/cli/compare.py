"""``guidediff diff`` and ``guidediff report``: two versions of a guideline compared."""

from __future__ import annotations

from pathlib import Path

import click

from ..render import BINARY, FORMATS, REPORT_FILES
from .common import (
    Warnings,
    errors_to_exit,
    lang_option,
    max_bytes_option,
    strict_option,
    valid_date,
    write_output,
)

show_format_only_option = click.option(
    "--show-format-only", is_flag=True,
    help="Also show changes of format only (numbering style, punctuation width, dashes, "
         "spacing, line wraps), labelled as such. The JSON log always has them, flagged.")


def _load(arg: str, corpus_dir: str, max_bytes: int, warn: Warnings):  # type: ignore[no-untyped-def]
    """A guideline from a file, or the corpus document whose id ``arg`` is."""
    from ..normalize.pipeline import load

    if not Path(arg).exists():
        from ..corpus.manifest import resolve

        entry = resolve(arg, corpus_dir)
        if entry is not None:
            from ..normalize.pipeline import normalize_file

            n = normalize_file(entry.path, meta=entry.meta, max_bytes=max_bytes)
            for w in n.warnings:
                warn(w)
            return n.guideline
        if (Path(corpus_dir) / "manifest.toml").is_file():
            from ..errors import InputError

            raise InputError(f"no such file, nor a document id of {corpus_dir}/manifest.toml",
                             arg)
    return load(arg, max_bytes, warn)


def _load_pair(old: str, new: str, max_bytes: int, strict: bool,  # type: ignore[no-untyped-def]
               corpus_dir: str = "corpus"):
    from ..compare.diff import diff as diff_guidelines

    warn = Warnings(strict)
    log = diff_guidelines(_load(old, corpus_dir, max_bytes, warn),
                          _load(new, corpus_dir, max_bytes, warn))
    warn.check()
    return log


corpus_option = click.option(
    "--corpus", "corpus_dir", default="corpus", show_default=True,
    help="Where OLD and NEW may also be corpus ids (e.g. 2021-b1-draft): the corpus directory.")


@click.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text",
              show_default=True,
              help="text: a summary for the terminal; json: the change log (contract "
                   "guidediff.changes/1); html: the report page; csv: one row per change; "
                   "docx: Word with tracked changes; table: the 新旧对照表 (DOCX); memo: the "
                   "change memo (DOCX); memo.md: the memo in Markdown. Word files need -o.")
@lang_option
@show_format_only_option
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE (whole or not at all); - or none: standard output.")
@strict_option
@max_bytes_option
@corpus_option
@errors_to_exit
def diff(old: str, new: str, fmt: str, lang: str, show_format_only: bool, output: str | None,
         strict: bool, max_bytes: int, corpus_dir: str) -> None:
    """Compare two versions of a guideline: which directions match, what changed in each.

    Reads OLD and NEW: guideline texts, PDF, DOCX or HTML pages, normalized XML, or ids of
    documents of the corpus (guidediff diff 2021-b1-draft 2022-b1-final). Directions
    are matched by content (agreements, partner, title, areas), never by number; each matched
    pair is compared clause by clause into typed events (budget and per-project caps, project
    count, duration, contacts, links, areas, requirements…), the documents' own parts as well,
    and each document's stated totals are reconciled with its directions. Writes one report in
    the chosen format to standard output or to -o FILE.
    """
    from ..render import RenderOptions

    if fmt in BINARY and not output:
        raise click.UsageError(f"--format {fmt} writes a Word file: give -o FILE (or -o - to "
                               "send it to standard output)")
    log = _load_pair(old, new, max_bytes, strict, corpus_dir)
    write_output(FORMATS[fmt](log, RenderOptions(lang=lang, show_format_only=show_format_only)),
                 output, protect=(old, new))


@click.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path())
@click.option("-o", "--output", "out_dir", required=True, metavar="DIR",
              help="Directory for the reports (created if missing).")
@click.option("-f", "--format", "formats", default=",".join(REPORT_FILES), show_default=True,
              help="Comma-separated: html (STEM.report.html), docx (STEM.tracked.docx), table "
                   "(STEM.table.docx, the 新旧对照表), memo (STEM.memo.docx and STEM.memo.md), "
                   "csv (STEM.changes.csv), json (STEM.changes.json), text (STEM.summary.txt).")
@lang_option
@click.option("--date", "date", metavar="YYYY-MM-DD",
              help="Date of the DOCX revisions and properties and of the memo (default: 1 "
                   "January of the newer document's year, the memo: the date it prints). No "
                   "wall-clock time is written unless given here.")
@click.option("--issuer", metavar="NAME",
              help="The memo's 落款 (the office issuing it); default: a line to fill in.")
@click.option("--unchanged", type=click.Choice(["show", "abridge", "omit"]), default="abridge",
              show_default=True,
              help="Unchanged clauses in the 新旧对照表: shown, a run abridged to one row, or "
                   "omitted.")
@click.option("--full-text", is_flag=True,
              help="In the 新旧对照表, dropped and added directions clause by clause (default: one "
                   "row each, with budget and count).")
@show_format_only_option
@click.option("--name", "stem", metavar="STEM",
              help="File name stem (default: OLD__NEW from the input names).")
@strict_option
@max_bytes_option
@corpus_option
@errors_to_exit
def report(old: str, new: str, out_dir: str, formats: str, lang: str, date: str | None,
           issuer: str | None, unchanged: str, full_text: bool, show_format_only: bool,
           stem: str | None, strict: bool, max_bytes: int, corpus_dir: str) -> None:
    """Write the change reports of OLD → NEW into a directory.

    Reads OLD and NEW: guideline texts, PDF, DOCX or HTML pages, normalized XML, or corpus
    ids. Writes into
    DIR, for each format asked: STEM.report.html (one self-contained page), STEM.tracked.docx
    (the whole new document with tracked changes), STEM.table.docx (新旧对照表),
    STEM.memo.docx and STEM.memo.md (the change memo), STEM.changes.csv, STEM.changes.json
    (the change log) and STEM.summary.txt. Every report is generated from the same change
    events; files are written whole or not at all, and the same inputs give the same bytes.
    """
    from ..render import RenderOptions
    from ..render.write import write_reports

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in REPORT_FILES]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(REPORT_FILES)}", param_hint="--format")
    if out_dir == "-":
        raise click.UsageError("report writes several files: give a directory (guidediff diff "
                               "-f FORMAT -o - prints one)")
    log = _load_pair(old, new, max_bytes, strict, corpus_dir)
    opts = RenderOptions(lang=lang, show_format_only=show_format_only, date=valid_date(date),
                         unchanged=unchanged, full_text=full_text, issuer=issuer)
    name = stem or f"{Path(old).stem}__{Path(new).stem}"
    for path in write_reports(log, out_dir, name, wanted, opts, protect=(old, new)):
        click.echo(str(path))
