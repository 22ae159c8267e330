"""``guidediff diff`` and ``guidediff report``: two versions of a guideline compared."""

from __future__ import annotations

from pathlib import Path

import click

from ..corpus.cache import key
from ..corpus.comparison import Documents
from ..corpus.documents import Input
from ..files import refuse_overwriting
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
         "spacing, line wraps) and meaning-neutral wording edits (a listed word such as 的 "
         "added or deleted, nothing else), labelled as such. The JSON log always has them, "
         "flagged (format_only, neutral_words).")


def _inputs(old: str, new: str, corpus_dir: str, max_bytes: int, no_cache: bool
            ) -> tuple[Input, Input, Documents]:
    from ..corpus.comparison import Documents
    from ..corpus.documents import read_input, user_cache

    return (read_input(old, corpus_dir, max_bytes), read_input(new, corpus_dir, max_bytes),
            Documents(user_cache(not no_cache)))


def _compare(old: Input, new: Input, documents: Documents,  # type: ignore[no-untyped-def]
             warn: Warnings):
    from ..corpus.comparison import compare_documents

    log = compare_documents(old, new, documents, warn)
    warn.check()
    return log


no_cache_option = click.option(
    "--no-cache", is_flag=True,
    help="Read and compare afresh, without the user cache that remembers documents and "
         "comparisons by content (GUIDEDIFF_CACHE=off does the same; GUIDEDIFF_CACHE=DIR "
         "moves it).")


author_option = click.option(
    "--author", default="guidediff", show_default=True, metavar="NAME",
    help="Word files: the author of the revisions and comments (and of the file).")
comments_option = click.option(
    "--comments", type=click.Choice(["on", "off"]), default="on", show_default=True,
    help="The tracked DOCX: each revision's 说明 (the change in words) as a Word comment (批注), "
         "or none.")

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
@author_option
@comments_option
@strict_option
@max_bytes_option
@corpus_option
@no_cache_option
@errors_to_exit
def diff(old: str, new: str, fmt: str, lang: str, show_format_only: bool, output: str | None,
         author: str, comments: str, strict: bool, max_bytes: int, corpus_dir: str,
         no_cache: bool) -> None:
    """Compare two versions of a guideline: which directions match, what changed in each.

    Reads OLD and NEW: guideline texts, PDF, DOCX or HTML pages, normalized XML, or ids of
    documents of the corpus (guidediff diff 2021-b1-draft 2022-b1-final); a document already
    read, and a comparison already made, are remembered by content (--no-cache). Directions
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
    a, b, documents = _inputs(old, new, corpus_dir, max_bytes, no_cache)
    if output not in (None, "-"):  # before anything is written (the cache included)
        refuse_overwriting([output], (old, new))
    warn = Warnings(strict)
    # (a key hashes the inputs and the tool's own files: only worth it with a cache)
    k = key("diff", a.key, b.key, fmt, lang, show_format_only, author, comments) \
        if documents.cache is not None else ""
    data = documents.remembered(k, (a, b), warn) if k else None
    if data is not None:
        warn.check()
    else:
        log = _compare(a, b, documents, warn)
        data = FORMATS[fmt](log, RenderOptions(lang=lang, show_format_only=show_format_only,
                                               author=author, comments=comments == "on"))
        if k:
            documents.remember(k, data)
    write_output(data, output, protect=(old, new))


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
@author_option
@comments_option
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
@no_cache_option
@errors_to_exit
def report(old: str, new: str, out_dir: str, formats: str, lang: str, date: str | None,
           issuer: str | None, author: str, comments: str, unchanged: str, full_text: bool,
           show_format_only: bool, stem: str | None, strict: bool, max_bytes: int,
           corpus_dir: str, no_cache: bool) -> None:
    """Write the change reports of OLD → NEW into a directory.

    Reads OLD and NEW: guideline texts, PDF, DOCX or HTML pages, normalized XML, or corpus
    ids. Writes into
    DIR, for each format asked: STEM.report.html (one self-contained page), STEM.tracked.docx
    (the whole new document with tracked changes, each with its 说明 as a comment),
    STEM.table.docx (新旧对照表),
    STEM.memo.docx and STEM.memo.md (the change memo), STEM.changes.csv, STEM.changes.json
    (the change log) and STEM.summary.txt. Every report is generated from the same change
    events; files are written whole or not at all, and the same inputs give the same bytes.
    """
    from ..render import RenderOptions
    from ..render.write import report_targets, write_reports

    wanted = [f.strip() for f in formats.split(",") if f.strip()]
    unknown = [f for f in wanted if f not in REPORT_FILES]
    if unknown or not wanted:
        raise click.BadParameter(f"unknown format {', '.join(unknown) or '(none)'}; choose from "
                                 f"{', '.join(REPORT_FILES)}", param_hint="--format")
    if out_dir == "-":
        raise click.UsageError("report writes several files: give a directory (guidediff diff "
                               "-f FORMAT -o - prints one)")
    a, b, documents = _inputs(old, new, corpus_dir, max_bytes, no_cache)
    name = stem or f"{Path(old).stem}__{Path(new).stem}"
    refuse_overwriting(report_targets(out_dir, name, wanted), (old, new), direct=False)
    log = _compare(a, b, documents, Warnings(strict))
    opts = RenderOptions(lang=lang, show_format_only=show_format_only, date=valid_date(date),
                         unchanged=unchanged, full_text=full_text, issuer=issuer,
                         author=author, comments=comments == "on")
    for path in write_reports(log, out_dir, name, wanted, opts, protect=(old, new)):
        click.echo(str(path))
