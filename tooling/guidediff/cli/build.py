"""``guidediff build``: the corpus, normalized, linked into lineages, reported and published."""

from __future__ import annotations

import sys

import click

from .common import errors_to_exit, progress, warn


@click.command()
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus directory holding manifest.toml (and lineage.toml, if any).")
@click.option("--reports", "reports_dir", default="reports", show_default=True,
              help="Where the reports and the corpus site are written.")
@click.option("--strict", is_flag=True,
              help="Fail the run (exit 1) if any document is bad or has a warning.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for normalizing and comparing.")
@errors_to_exit
def build(corpus_dir: str, reports_dir: str, strict: bool, jobs: int) -> None:
    """Normalize the corpus, link its versions into lineages, write every report and the site.

    Reads CORPUS/manifest.toml: each [[document]] names its raw file (text, PDF, DOCX or HTML),
    year, batch, stage and sha256 (a mismatch fails that document); each [[comparison]] names
    an old and a new document. Writes CORPUS/xml/ID.xml for each document; into REPORTS, for
    each comparison OLD__NEW: .report.html, .tracked.docx, .table.docx (新旧对照表), .memo.docx,
    .memo.md, .changes.csv, .changes.json (the change log) and .summary.txt; for each step of a
    lineage (a programme from one version to the next where it appears) OLD__NEW.report.html;
    and the corpus site: index.html (versions, totals, the lineage grid), lineages/*.html (one
    page per programme) and history.json (contract guidediff.history/1). Removes the files
    an earlier build made that this one does not (a version taken out of the manifest leaves
    the site); a file the build never made is left alone.

    Incremental: a content-addressed cache in CORPUS/.cache (by file hash and guidediff
    version) means a rebuild after adding one version normalizes one file and compares only
    the pairs that involve it; files whose bytes would not change are not rewritten. Output
    is deterministic. A bad document does not stop the others; the comparisons it is part of
    are skipped, every failure is listed at the end and the exit code is 1.
    """
    from ..corpus.build import build as build_corpus

    result = build_corpus(corpus_dir, reports_dir, jobs, strict, progress=progress)
    for w in result.warnings:
        warn(w)
    for path in result.written:
        progress(f"wrote {path}")
    for path in result.removed:
        progress(f"removed {path}")
    removed = f", {len(result.removed)} removed" if result.removed else ""
    progress(f"{len(result.history.versions)} versions ({result.normalized} normalized, "
             f"{result.reused} from the cache), {len(result.history.lineages)} lineages, "
             f"{result.pairs} comparisons ({result.compared} computed); {len(result.written)} "
             f"files written, {result.unchanged} unchanged{removed}")
    if result.failures:
        progress(f"{len(result.failures)} failure(s)"
                 + (f", {len(result.skipped)} comparison(s) skipped" if result.skipped else "")
                 + ":")
        for reason in result.failures.values():
            progress(f"  {reason}")
        sys.exit(1)
