"""``guidediff add``: a document into the corpus."""

from __future__ import annotations

import click

from .common import errors_to_exit, max_bytes_option


@click.command()
@click.argument("file", type=click.Path())
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus directory holding manifest.toml.")
@click.option("--id", "doc_id", metavar="ID",
              help="The document's id (default: YEAR-bBATCH-STAGE, e.g. 2023-b1-draft).")
@click.option("--year", type=click.IntRange(1900, 2200), help="Its year (default: from its title).")
@click.option("--batch", type=click.IntRange(1, 99), help="Its batch (default: from its title).")
@click.option("--stage", type=click.Choice(["draft", "final"]),
              help="draft or final (default: from its title; 征求意见稿 is a draft).")
@click.option("--no-compare", "no_compare", is_flag=True,
              help="Record no comparison with the version before it (by default the manifest "
                   "gets one, and build writes that step's whole report set).")
@max_bytes_option
@errors_to_exit
def add(file: str, corpus_dir: str, doc_id: str | None, year: int | None, batch: int | None,
        stage: str | None, no_compare: bool, max_bytes: int) -> None:
    """Add a guideline to the corpus: it writes a copy into CORPUS/raw/, computes its sha256,
    puts its entry after the other documents of CORPUS/manifest.toml and records the
    comparison with the version before it in the corpus order (year, batch, draft before
    final) after the other comparisons, unless --no-compare.

    Reads FILE, a guideline text, PDF, DOCX or HTML page; it must read as a guideline. Its year,
    batch and stage are read from its title where not given. A file already in the corpus (by
    content) is refused, and so is an id that is taken; nothing is written then. Run
    `guidediff build` afterwards: only the new document is normalized, and only the
    comparisons that involve it are made. Prints what it added.
    """
    from ..corpus.add import add_document

    a = add_document(file, corpus_dir, doc_id, year, batch, stage, max_bytes,
                     compare=not no_compare)
    m = a.meta
    compared = f"; compared with {a.compared_with}" if a.compared_with else ""
    click.echo(f"added {m.id} ({m.year} batch {m.batch} {m.stage}, {a.directions} directions) "
               f"→ {a.path}; sha256 {a.sha256[:12]}…{compared}; run guidediff build")
