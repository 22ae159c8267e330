"""``guidediff normalize``: guideline files → normalized XML."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from ..errors import GuidediffError, display_path
from .common import binary_stdout, errors_to_exit, max_bytes_option, progress, warn


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "out_dir", default=".", show_default=True,
              help="Directory for the XML files (one NAME.xml per input); - prints the XML of "
                   "a single input to standard output.")
@click.option("--check", "check_only", is_flag=True,
              help="Only verify that nothing is lost (body text + artifacts give back the input);"
                   " write nothing.")
@click.option("--strict", is_flag=True,
              help="Fail the run (exit 1) if any file is bad or has a warning (directions found "
                   "differ from the number stated, a direction without title, count or budget).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes for many files.")
@max_bytes_option
@errors_to_exit
def normalize(files: tuple[str, ...], out_dir: str, check_only: bool, strict: bool, jobs: int,
              max_bytes: int) -> None:
    """Normalize guidelines into guidediff XML.

    Reads FILES: guideline texts (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK),
    PDF (its text layer), DOCX and HTML pages, told apart by content. Writes OUT/NAME.xml for
    each, validated against the schema shipped in the package, after checking that it holds
    every character of the input; with -o - and one input, the XML goes to standard output.
    A bad file is reported with its reason and the others go on; every failure is listed at the
    end and the exit code is 1 (with --strict a warning fails its file too). Output files are
    written whole or not at all; two inputs that would write the same output, or an output that
    would overwrite an input, stop the run before anything is written.
    """
    from ..corpus import batch

    if out_dir == "-" and (len(files) != 1 or check_only):
        raise click.UsageError("-o - prints the XML of one input: give one FILE")
    if not check_only and out_dir != "-":
        _refuse_collisions(files, out_dir)
    job = functools.partial(_normalize_one, out_dir=out_dir, check_only=check_only,
                            max_bytes=max_bytes, strict=strict,
                            show_progress=jobs == 1 and sys.stderr.isatty())
    failures: list[str] = []
    for k, outcome in enumerate(batch.run(job, list(files), jobs), 1):
        prefix = f"[{k}/{len(files)}] " if len(files) > 1 else ""
        if outcome.error is not None:
            failures.append(outcome.error)
            click.echo(f"{prefix}Error: {outcome.error}", err=True)
        elif outcome.result is not None:
            message, warnings = outcome.result
            for w in warnings:
                warn(w)
            if warnings and strict:
                failures.append(f"{display_path(files[k - 1])}: {len(warnings)} warning(s) and "
                                "--strict")
                click.echo(f"{prefix}Error: {failures[-1]}", err=True)
            elif message:
                (progress if out_dir == "-" else click.echo)(f"{prefix}{message}")
    if failures:
        if len(files) > 1:
            progress(f"{len(failures)} of {len(files)} files failed:")
            for f in failures:
                progress(f"  {f}")
        sys.exit(1)


def _refuse_collisions(files: tuple[str, ...], out_dir: str) -> None:
    """Before any work: two inputs that would write one output, or an output that would
    overwrite an input, stop the run with nothing written."""
    from ..files import output_name_collisions

    problem = output_name_collisions([Path(f) for f in files], Path(out_dir), ".xml")
    if problem:
        raise GuidediffError(problem)


class _Withheld(Exception):
    """--strict and a warning: the output is dropped (raised inside the write, which then
    leaves nothing)."""


def _normalize_one(path: str, out_dir: str, check_only: bool, max_bytes: int,
                   strict: bool, show_progress: bool = False) -> tuple[str, tuple[str, ...]]:
    """One file, streamed: its XML is written a piece at a time to a temporary (or nowhere
    with --check) and placed only once all of it is written and checked. ``show_progress``:
    a line on standard error every 1,000 directions (a long document at a terminal)."""
    from .. import files
    from ..normalize.pipeline import XmlStream
    from ..read.ingest import ingest

    raw = ingest(path, max_bytes)

    def said(n: int) -> None:
        if n % 1000 == 0:
            progress(f"{display_path(path)}: {n} directions so far…")

    stream = XmlStream(raw, progress=said if show_progress else None)

    def chunks() -> Iterator[bytes]:
        yield from stream.chunks()
        if strict and stream.warnings:
            raise _Withheld

    shown = display_path(path)
    try:
        if check_only:
            for _ in chunks():
                pass
        elif out_dir == "-":
            _to_stdout(chunks())
        else:
            target = files.safe_child(out_dir, files.output_name(Path(path), ".xml"))
            files.write_chunks(target, chunks())
    except _Withheld:
        return "", stream.warnings
    rep, dirs, warnings = stream.conservation, stream.directions, stream.warnings
    assert rep is not None
    warned = f"; {len(warnings)} warning(s)" if warnings else ""
    if check_only:
        verdict = "checked" if warnings else "ok"
        return (f"{shown}: {verdict}, nothing lost ({rep.body_chars} body + {rep.artifact_chars}"
                f" artifact characters = {rep.input_chars}); {dirs} directions{warned}",
                warnings)
    if out_dir == "-":
        return f"{shown}: {dirs} directions, encoding {raw.encoding}{warned}", warnings
    return (f"{shown} → {display_path(Path(out_dir) / target.name)} ({dirs} directions, encoding "
            f"{raw.encoding}){warned}", warnings)


def _to_stdout(chunks: Iterator[bytes]) -> None:
    """Standard output gets the XML only once all of it is made and checked (an error leaves
    it empty): it is spooled to a temporary file first, in memory while it is small."""
    import shutil
    import tempfile

    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        for chunk in chunks:
            spool.write(chunk)
        spool.seek(0)
        stream = binary_stdout()
        shutil.copyfileobj(spool, stream)
        stream.flush()
