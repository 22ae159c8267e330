"""``guidediff check``: proofread one guideline before it goes out."""

from __future__ import annotations

import click

from .common import Warnings, errors_to_exit, lang_option, max_bytes_option, write_output

CHECK_FORMATS = ("text", "json", "html", "docx")


@click.command()
@click.argument("file", type=click.Path())
@click.option("--against", "previous", metavar="PREVIOUS", type=click.Path(),
              help="The version this one was made from (last year's guideline): sentences "
                   "carried over from it unchanged that hold a year or a date are named.")
@click.option("-f", "--format", "fmt", type=click.Choice(CHECK_FORMATS), default="text",
              show_default=True,
              help="text: for the terminal, grouped by direction; json: the contract "
                   "guidediff.check/1; html: one self-contained page; docx: a copy of the DOCX "
                   "read with each finding as a Word comment (批注) at its paragraph (needs -o).")
@click.option("-o", "--output", metavar="FILE",
              help="Write to FILE (whole or not at all, never over an input); - or none: "
                   "standard output.")
@lang_option
@click.option("--author", default="guidediff", show_default=True, metavar="NAME",
              help="--format docx: the author of the comments.")
@click.option("--strict", is_flag=True,
              help="Exit 1 when there are findings (for a pipeline that must stop on a slip).")
@max_bytes_option
@errors_to_exit
def check(file: str, previous: str | None, fmt: str, output: str | None, lang: str,
          author: str, strict: bool, max_bytes: int) -> None:
    """Proofread a guideline: the slips a draft made from last year's text carries.

    Reads FILE: a guideline text, PDF, DOCX or HTML page, or normalized XML (and PREVIOUS,
    likewise). Prints the findings to standard output, or writes them to -o FILE; each
    finding with its kind, severity (错误 error: certainly wrong; 警告 warning: most likely
    wrong; 提示 note: worth a look), its line (a DOCX's paragraph) and page, the direction and
    clause, what is wrong and a suggested fix where one is clear. The classes: the stated
    totals against the directions; direction numbering (a gap, a number twice, out of order);
    years that did not move with the guideline's year (and, with --against, sentences carried
    over unchanged holding a year); arithmetic inside a direction (caps × projects, sub-quotas);
    e-mails, URLs and phone numbers that cannot work; brackets and quotes left open or closed
    twice; list markers, numbers and endings; a requirement or contact stated twice; what every
    other direction has and one lacks.

    Exit code 0 when findings are listed (proofreading is not failure), 1 on bad input (or,
    with --strict, when there are findings), 2 on bad usage.
    """
    from ..errors import GuidediffError, InputError
    from ..files import refuse_overwriting
    from ..normalize.pipeline import load
    from ..proofread import proofread, read_document

    if fmt == "docx" and not output:
        raise click.UsageError("--format docx writes a Word file: give -o FILE (or -o - to send "
                               "it to standard output)")
    inputs = (file,) if previous is None else (file, previous)
    if output not in (None, "-"):  # before anything is read or written
        refuse_overwriting([output], inputs)
    warn = Warnings(False)
    doc = read_document(file, max_bytes, warn)
    if fmt == "docx" and doc.kind != "docx":
        raise InputError("--format docx comments a Word file: this input is not a DOCX (use "
                         "--format html or text)", file)
    before = load(previous, max_bytes, warn) if previous is not None else None
    r = proofread(doc, before)
    if fmt == "text":
        from ..render.check import text

        data = text(r, lang).encode("utf-8")
    elif fmt == "json":
        from ..render.check import json_bytes

        data = json_bytes(r, lang)
    elif fmt == "html":
        from ..render.check_html import html_bytes

        data = html_bytes(r, lang)
    else:
        from ..read.raw import read_bytes
        from ..render.check_docx import commented

        data = commented(read_bytes(file, max_bytes), r, lang, author)
    write_output(data, output, protect=inputs)
    if strict and r.findings:
        raise GuidediffError(f"{len(r.findings)} finding(s) and --strict")
