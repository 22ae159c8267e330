"""``guidediff build``: the corpus, normalized and reported."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .common import errors_to_exit, progress, warn

if TYPE_CHECKING:
    from ..corpus.manifest import Entry


@click.command()
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus directory holding manifest.toml.")
@click.option("--reports", "reports_dir", default="reports", show_default=True,
              help="Where the reports of each comparison are written.")
@click.option("--strict", is_flag=True,
              help="Fail the run (exit 1) if any document is bad or has a warning.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for many documents.")
@errors_to_exit
def build(corpus_dir: str, reports_dir: str, strict: bool, jobs: int) -> None:
    """Normalize the corpus and write the reports of every comparison it names.

    Reads CORPUS/manifest.toml: each [[document]] names its raw file (text, PDF, DOCX or HTML),
    year, batch, stage and sha256 (a mismatch fails that document); each [[comparison]] names
    an old and a new document. Writes CORPUS/xml/ID.xml for each document, then into REPORTS,
    for each comparison OLD__NEW: .report.html, .tracked.docx, .table.docx (新旧对照表), .memo.docx,
    .memo.md, .changes.csv, .changes.json (the change log) and .summary.txt. Output is
    deterministic: the same inputs give the same bytes. A bad document does not stop the
    others; the comparisons it is part of are skipped, every failure is listed at the end, and
    the exit code is 1.
    """
    from ..corpus import batch
    from ..corpus.build import build_comparison, build_entry
    from ..corpus.manifest import load_manifest

    manifest = load_manifest(corpus_dir)
    job = functools.partial(build_entry, out_dir=manifest.xml_dir)
    entries = list(manifest.entries)
    failed: dict[str, str] = {}
    for k, outcome in enumerate(batch.run(job, entries, jobs, name=_entry_name), 1):
        if outcome.error is not None:
            failed[outcome.item.meta.id] = outcome.error
            progress(f"[{k}/{len(entries)}] Error: {outcome.error}")
        elif outcome.result is not None:
            r = outcome.result
            for w in r.warnings:
                warn(w)
            if r.warnings and strict:
                failed[r.doc_id] = f"{r.doc_id}: {len(r.warnings)} warning(s) and --strict"
            progress(f"[{k}/{len(entries)}] {r.doc_id}: {r.directions} directions → {r.path}")
    skipped = 0
    for c in manifest.comparisons:
        if {c.old, c.new} & set(failed):
            skipped += 1
            progress(f"skipped {c.old} → {c.new}: a document failed")
            continue
        for path in build_comparison(manifest, c, Path(reports_dir)):
            progress(f"{c.old} → {c.new}: {path}")
    if failed:
        progress(f"{len(failed)} of {len(entries)} documents failed"
                 + (f", {skipped} comparison(s) skipped" if skipped else "") + ":")
        for reason in failed.values():
            progress(f"  {reason}")
        sys.exit(1)


def _entry_name(entry: Entry) -> str:
    return str(entry.path)
