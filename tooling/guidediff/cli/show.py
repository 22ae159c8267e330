"""``guidediff show``: one document's directions, or one direction field by field."""

from __future__ import annotations

import click

from .common import Warnings, errors_to_exit, lang_option, max_bytes_option, strict_option


@click.command()
@click.argument("file", type=click.Path())
@click.option("-d", "--direction", "direction_id", metavar="ID",
              help="Show one direction (its printed number, e.g. 1.1) field by field.")
@lang_option
@strict_option
@max_bytes_option
@errors_to_exit
def show(file: str, direction_id: str | None, lang: str, strict: bool, max_bytes: int) -> None:
    """Print a document's directions as a table, or one direction's fields and typed values.

    Reads FILE: a guideline text, PDF, DOCX or HTML page, or a normalized XML file. Prints to
    standard output: each direction's number, title, projects, budget (with its per-project
    cap), contacts and line; with -d, one direction's fields, items and typed values (money,
    counts, durations, contacts, links, agreements). In Chinese; --lang en in English (the
    document's own text stays as printed).
    """
    from ..errors import InputError
    from ..normalize.pipeline import load
    from ..read.raw import line_unit
    from ..render import show as show_mod

    warn = Warnings(strict)
    g = load(file, max_bytes, warn)
    warn.check()
    if direction_id is None:
        click.echo(show_mod.directions_table(g, lang), nl=False)
        return
    d = g.direction(direction_id)
    if d is None:
        ids = ", ".join(x.id for x in g.directions)
        raise InputError(f"no direction {direction_id} (it has {ids})", file)
    click.echo(show_mod.direction_detail(d, lang, line_unit(g.meta.encoding)), nl=False)
