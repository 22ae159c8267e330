"""Read a file into numbered lines: the format is decided by content (``detect``), then the
reader it needs is called. The only module of ``read/`` that knows every reader."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from .detect import detect
from .raw import DEFAULT_MAX_BYTES, RawText, read_bytes
from .text import read_text, text_raw


def ingest(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read ``path`` (text, PDF, DOCX or HTML, told apart by content) into numbered lines.

    Inputs are never modified.
    """
    return ingest_bytes(read_bytes(path, max_bytes), path)


def ingest_bytes(data: bytes, path: str | Path) -> RawText:
    """The lines of a file already read: dispatched to the reader its content needs."""
    if not data:
        raise InputError("file is empty", path)
    kind = detect(data, path)
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, path)
    if kind == "docx":
        from .docx import read_docx

        return read_docx(data, path)
    if kind == "html":
        from .html import read_html

        return read_html(data, path)
    if kind == "xml":
        raise InputError("is XML: pass normalized guidediff XML where XML is accepted "
                         "(show, diff, report)", path)
    return read_text(data, path)


def ingest_text(text: str, name: str = "<text>") -> RawText:
    """Ingest an already-decoded string (tests, other readers)."""
    return text_raw(text, name)
