"""Which reader a file needs, decided by its content (magic bytes), not only its extension."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import InputError

_BINARY: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Office document (DOC/XLS) or a password-protected Office "
                          "file: save it as DOCX, without a password"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)


def detect(data: bytes, path: str | Path) -> str:
    """One of ``text``, ``pdf``, ``docx``, ``html``, ``xml``; InputError for other binaries."""
    head = data[:4096]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, path)
    for magic, what in _BINARY:
        if head.startswith(magic):
            raise InputError(f"is {what}, not a guideline text, PDF, DOCX or HTML", path)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")) or (
            stripped.startswith(b"<") and b"<html" in head.lower()):
        return "html"
    if stripped.startswith(b"<?xml") or stripped.startswith(b"<guideline"):
        return "xml"
    return "text"


def _zip_kind(data: bytes, path: str | Path) -> str:
    import zipfile  # (only for an input that starts as a ZIP does)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except MemoryError:
        raise
    except Exception:  # BadZipFile, and what a forged directory makes zipfile raise
        raise InputError("is a damaged ZIP/DOCX file (not a readable ZIP archive)",
                         path) from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise InputError("is an Excel workbook, not a guideline document", path)
    raise InputError("is a ZIP archive, not a DOCX document", path)
