"""``guidediff history``: every programme's lineage across the versions of a corpus."""

from __future__ import annotations

import click

from .common import errors_to_exit, lang_option, max_bytes_option, progress, warn, write_output


@click.command()
@click.argument("files", nargs=-1, type=click.Path())
@click.option("--corpus", "corpus_dir", default="corpus", show_default=True,
              help="The corpus (its manifest.toml) when no FILE is given.")
@click.option("--programme", "--program", "programme", metavar="TEXT",
              help="Only the lineages whose name, a title, a partner or id holds TEXT.")
@click.option("--grep", "phrase", metavar="PHRASE",
              help="Where PHRASE appears instead: for each programme, first and last seen.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "html"]),
              default="text", show_default=True,
              help="text: a grid of programmes × versions; json: the contract "
                   "guidediff.history/1; html: one self-contained page.")
@click.option("-o", "--output", metavar="PATH", help="Write to PATH; - or none: standard output.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for reading a corpus.")
@lang_option
@max_bytes_option
@errors_to_exit
def history(files: tuple[str, ...], corpus_dir: str, programme: str | None,
            phrase: str | None, fmt: str, output: str | None, jobs: int, lang: str,
            max_bytes: int) -> None:
    """The lineages of a corpus: each programme followed through every version, whatever its
    printed number.

    Reads the corpus named by CORPUS/manifest.toml (through the build cache), or FILES given
    directly (guideline texts, PDF, DOCX, HTML or normalized XML; each file's id is its name
    without extension, the versions are ordered by the year, batch and stage their titles
    print). Versions are ordered by year, then batch, then draft before final. A direction
    links to the latest member of a lineage by content (agreements, partner, title, areas),
    also after an absence (reappeared); split, merged and pinned links (CORPUS/lineage.toml)
    are shown. With --grep, lists where a phrase appears (spacing ignored; a DOCX or HTML
    page counts paragraphs, 段, where a text counts lines). When --programme or --grep matches
    nothing, a line says so (exit 0). Prints to standard output, or writes -o PATH.
    """
    from ..compare.history import History
    from ..model import Guideline
    from ..render import history as rh

    guidelines: list[Guideline] | None = None
    if files:
        from ..corpus.history import files_history

        h, guidelines = files_history(files, max_bytes, warn)
        manifest = None
    else:
        from ..corpus.history import corpus_history

        h, manifest = corpus_history(corpus_dir, jobs, progress)
    if phrase is not None:
        from ..corpus.history import corpus_guidelines, grep

        def read() -> list[Guideline]:
            if guidelines is not None:
                return guidelines
            assert manifest is not None
            return corpus_guidelines(manifest, [v.id for v in h.versions])

        seen = grep(h.matching(programme), phrase, read)
        if not seen:
            _nothing(rh.nowhere(phrase, lang), fmt, output)
        data = rh.grep_json(phrase, seen) if fmt == "json" else rh.grep_text(phrase, seen, lang)
        if seen or fmt == "json":
            write_output(data, output)
        return
    shown: History = h.matching(programme)
    if programme and not shown.lineages:
        _nothing(rh.no_programme(programme, lang), fmt, output)
        if fmt == "text":
            return
    if fmt == "json":
        data = rh.history_json(shown)
    elif fmt == "html":
        from ..render.site import history_page

        data = history_page(shown, lang)
    else:
        data = rh.history_text(shown, lang)
    write_output(data, output)


def _nothing(line: str, fmt: str, output: str | None) -> None:
    """Nothing matched: the line that says so, on standard output for text to standard output,
    else on standard error (a JSON or HTML output is still written, empty)."""
    if fmt == "text":
        write_output((line + "\n").encode("utf-8"), output)
    else:
        click.echo(line, err=True)
