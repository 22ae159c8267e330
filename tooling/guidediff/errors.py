"""One exception hierarchy: every error a user can cause says what went wrong and where."""

from __future__ import annotations

import os
from pathlib import Path


def display_path(path: str | Path) -> str:
    """A path as it can be printed: a name that is not UTF-8 (a GBK name unpacked from a
    Windows ZIP) keeps its undecodable bytes as ``\\xd6``, never breaking the output."""
    raw = str(path).encode("utf-8", "surrogateescape")
    return raw.decode("utf-8", "backslashreplace")


class GuidediffError(Exception):
    """Base class. The CLI prints ``Error: <message>`` and exits with code 1."""

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        self.message = message
        self.path = display_path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(GuidediffError):
    """The input cannot be read as a guideline text (empty, binary, bad encoding, too large)."""


class StructureError(GuidediffError):
    """The text was read but has no usable guideline structure (no directions, truncated...)."""


class SchemaError(GuidediffError):
    """A document does not validate against the XML schema shipped in the package."""


class ConservationError(GuidediffError):
    """The XML does not hold every character of the input exactly once."""


class ManifestError(GuidediffError):
    """corpus/manifest.toml is missing, malformed or does not match the files."""


EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in guidediff, not in the input


def internal_error(e: BaseException) -> str:
    """The one line that names a bug (an exception that is not a GuidediffError)."""
    detail = str(e).splitlines()[0][:200] if str(e) else ""
    return (f"internal error ({type(e).__name__}{': ' + detail if detail else ''}); this is a "
            "bug in guidediff, please report it with the file (GUIDEDIFF_DEBUG=1 shows where)")


TOO_LARGE = "too large or too deeply nested to process"


def failure_reason(e: Exception) -> tuple[str, bool]:
    """The one line that says why a command (or one item of a batch, or one comparison of the
    web app) failed, and whether it is a bug: a GuidediffError says it itself, a RecursionError
    or MemoryError means the input was too large, anything else is a bug (its traceback is
    printed on standard error first when GUIDEDIFF_DEBUG is set, to show where)."""
    if isinstance(e, GuidediffError):
        return str(e), False
    if isinstance(e, RecursionError | MemoryError):
        return f"{TOO_LARGE} ({type(e).__name__})", False
    if os.environ.get("GUIDEDIFF_DEBUG"):
        import traceback

        traceback.print_exception(e)
    return internal_error(e), True
