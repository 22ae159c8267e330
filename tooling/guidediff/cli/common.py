"""What every command shares: errors as one line, warnings, the common options, and writing
one output to a file or to standard output (``-o -``)."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO, TypeVar

import click

from ..errors import EXIT_INTERNAL, GuidediffError, failure_reason
from ..read.raw import DEFAULT_MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])


def errors_to_exit(fn: F) -> F:
    """A library error is one ``Error: FILE: reason`` line and exit code 1. Anything else is a
    bug: one ``Error: internal error (...)`` line and exit code 70, the traceback only with
    GUIDEDIFF_DEBUG=1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort,
                BrokenPipeError):  # click ends a closed pipe (| head) quietly
            raise
        except Exception as e:
            reason, bug = failure_reason(e)
            if bug:
                click.echo(f"Error: {reason}", err=True)
                sys.exit(EXIT_INTERNAL)
            if not isinstance(e, GuidediffError):
                reason = f"the input is {reason}"
            raise click.ClickException(reason) from None

    return wrapper  # type: ignore[return-value]


def progress(msg: str) -> None:
    click.echo(msg, err=True)


def warn(msg: str) -> None:
    click.echo(f"Warning: {msg}", err=True)


class Warnings:
    """Echo warnings on stderr as they come; with --strict, any warning fails the command."""

    def __init__(self, strict: bool) -> None:
        self.strict = strict
        self.seen: list[str] = []

    def __call__(self, msg: str) -> None:
        self.seen.append(msg)
        warn(msg)

    def check(self) -> None:
        if self.strict and self.seen:
            raise GuidediffError(f"{len(self.seen)} warning(s) and --strict: stopping")


strict_option = click.option(
    "--strict", is_flag=True,
    help="Fail (exit 1) on any warning: directions found differ from the number the document "
         "states, a direction without a title, count or budget, a DOCX with tracked changes.")

max_bytes_option = click.option(
    "--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
    help="Refuse input files larger than this.")

lang_option = click.option(
    "--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
    help="Language of what readers read (the documents' text stays as printed).")


def binary_stdout() -> BinaryIO:
    """Standard output as bytes (the interpreter's, or the one a CliRunner put in its place)."""
    return sys.stdout.buffer


def write_output(data: bytes, output: str | None, protect: Sequence[str] = ()) -> None:
    """Write one output: to standard output when ``output`` is None or ``-``, else to the file,
    whole or not at all, never over one of the inputs in ``protect``."""
    if output is None or output == "-":
        stream = binary_stdout()
        stream.write(data)
        stream.flush()
        return
    from ..files import write_bytes

    write_bytes(output, data, protect)
    progress(f"wrote {output}")


def valid_date(value: str | None) -> str | None:
    """A --date option: YYYY-MM-DD, or a usage error."""
    if value is None:
        return None
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("expected YYYY-MM-DD", param_hint="--date") from None
    return value
