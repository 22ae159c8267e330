"""``guidediff memo``: the year memo, a year's guidelines against the previous year's."""

from __future__ import annotations

from pathlib import Path

import click

from .common import errors_to_exit, lang_option, progress, valid_date


@click.command()
@click.option("--year", type=click.IntRange(1900, 2200), required=True,
              help="The year whose guidelines are compared with the year before.")
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus directory holding manifest.toml.")
@click.option("-o", "--output", "out_dir", default="reports", show_default=True, metavar="DIR",
              help="Directory for memo-YEAR.md and memo-YEAR.docx.")
@lang_option
@click.option("--date", metavar="YYYY-MM-DD", help="The memo's date (default: a line to fill in).")
@click.option("--issuer", metavar="NAME",
              help="The memo's 落款 (the office issuing it); default: a line to fill in.")
@click.option("--first", is_flag=True,
              help="YEAR is the corpus's first year: the memo lists its programmes as new "
                   "(without it, a YEAR with no guideline of YEAR-1 is refused).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for reading the corpus.")
@errors_to_exit
def memo(year: int, corpus_dir: str, out_dir: str, lang: str, date: str | None,
         issuer: str | None, first: bool, jobs: int) -> None:
    """Write the year memo: YEAR's guidelines against YEAR-1's, from the lineages.

    Reads the corpus named by CORPUS/manifest.toml (through the build cache) and compares
    each batch's final version of YEAR (its latest version where a batch has no
    final) with those of the year before: the programmes added, back after an absence and no
    longer set, the budget and quota changes, the contacts (name, organisation, phone, e-mail)
    and each programme's other changes, with the totals of both years; the documents are
    named by their titles. Wording edits are counted, not listed: the 新旧对照表 of each pair
    of documents compared is written beside the memo. Writes DIR/memo-YEAR.md,
    DIR/memo-YEAR.docx (GB/T 9704 layout) and DIR/memo-YEAR.OLD__NEW.table.docx, as one
    set. A YEAR without a guideline of YEAR-1 in the corpus is refused unless --first.
    """
    from .. import files
    from ..compare.history import year_changes
    from ..corpus.history import compare_versions, corpus_history
    from ..render import REPORT_FILES, RenderOptions
    from ..render.yearmemo import year_memo_docx, year_memo_md

    h, manifest = corpus_history(corpus_dir, jobs, progress)
    y = year_changes(h, year)
    versions = ", ".join(v.id for v in h.versions)
    if not y.new_versions:
        raise click.ClickException(f"the corpus holds no guideline of {year} (versions: "
                                   f"{versions})")
    if not y.old_versions and not first:
        raise click.ClickException(
            f"the corpus holds no guideline of {year - 1} to compare {year} with (versions: "
            f"{versions}); give --first if {year} is the first year")
    pairs = sorted({(c.old.version, c.new.version) for c in y.continued})
    logs = compare_versions(manifest, pairs)
    opts = RenderOptions(lang=lang, date=valid_date(date), issuer=issuer)
    out = Path(out_dir)
    targets = [(out / f"memo-{year}.md", year_memo_md(y, opts, logs)),
               (out / f"memo-{year}.docx", year_memo_docx(y, opts, logs))]
    table = dict(REPORT_FILES["table"])["table.docx"]
    targets += [(out / f"memo-{year}.{a}__{b}.table.docx", table(logs[(a, b)], opts))
                for a, b in pairs]
    files.write_set(targets)
    for path, _ in targets:
        click.echo(str(path))
