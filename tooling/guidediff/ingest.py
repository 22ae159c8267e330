"""Stage 1: read a file into numbered lines with page provenance.

Decides the encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK), refuses what is
not text with an error naming the file and the reason, and works out which printed page every
line is on from the extractor's page-start marks and the printed page numbers (``— 11 —``).
"""

from __future__ import annotations

import codecs
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .model import Line

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
PAGE_NUMBER_RE = re.compile(r"^\s*[—–\-－]\s*(\d{1,4})\s*[—–\-－]\s*$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class RawText:
    """A decoded input file: every line (blank ones too) numbered from 1.

    For PDF, DOCX and HTML inputs the lines are those of the extracted text, and ``encoding``
    names the format (``pdf``, ``docx``, ``html``).
    """

    path: str
    sha256: str
    encoding: str
    lines: tuple[Line, ...]
    warnings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(f"file is {size:,} bytes, over the limit of {max_bytes:,}", p)
        return p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a directory, not a file", p) from None
    except FileNotFoundError:
        raise InputError("no such file", p) from None
    except PermissionError:
        raise InputError("permission denied", p) from None


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Return (text, encoding name). Raise InputError for empty, binary or undecodable data."""
    if not data:
        raise InputError("file is empty", path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), "utf-16" if enc == "utf-16" else enc
            except UnicodeDecodeError as e:
                raise InputError(f"has a {enc} byte-order mark but does not decode: {e.reason}",
                                 path) from None
    if b"\x00" in data[:65536]:
        raise InputError("is a binary file (it contains NUL bytes), not a text file", path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise InputError(
                "cannot be decoded as UTF-8, UTF-16 or GB18030 "
                f"(first invalid UTF-8 byte at offset {utf8_error.start})", path) from None


def xml_safe(text: str) -> tuple[str, int]:
    """Text that XML can hold: characters it cannot are replaced by U+FFFD (and counted)."""
    return _CONTROL_RE.subn("\ufffd", text.replace("\x0c", "\n"))


def split_lines(text: str, path: str | Path) -> list[str]:
    if not text.strip():
        raise InputError("contains no text (only whitespace)", path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines, 1):
        if _CONTROL_RE.search(line):
            raise InputError("contains control characters; is it a binary file?", path, i)
    return lines


def _uses_leading_space_for_pages(lines: list[str]) -> bool:
    """The extractor marks page starts with a leading space; trust that only where it is rare."""
    body = [s for s in lines if s.strip()]
    indented = sum(1 for s in body if s[:1] in (" ", "\u3000", "\f"))
    return 0 < indented <= max(1, len(body) // 5)


def assign_pages(raw: list[str]) -> list[Line]:
    """Number the lines and give each its printed page where the document lets us know it."""
    mark_spaces = _uses_leading_space_for_pages(raw)
    page_index, started, after_footer = 0, False, False
    numbered: list[tuple[int, str, int, bool]] = []
    anchors: dict[int, int] = {}  # page index -> printed number
    for n, text in enumerate(raw, 1):
        if not text.strip():
            numbered.append((n, text, page_index, False))
            continue
        is_start = after_footer or text.startswith("\f") or (
            mark_spaces and text[:1] in (" ", "\u3000"))
        if is_start and started:
            page_index += 1
        started, after_footer = True, False
        m = PAGE_NUMBER_RE.match(text)
        if m:
            anchors.setdefault(page_index, int(m.group(1)))
            after_footer = True
        numbered.append((n, text, page_index, is_start))
    offsets = {num - idx for idx, num in anchors.items()}
    offset = offsets.pop() if len(offsets) == 1 else None
    return [Line(n, t, (idx + offset) if offset is not None else None, start)
            for n, t, idx, start in numbered]


def ingest(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawText:
    """Read ``path`` (text, PDF, DOCX or HTML, told apart by content) into numbered lines.

    Inputs are never modified.
    """
    return ingest_bytes(read_bytes(path, max_bytes), path)


def ingest_bytes(data: bytes, path: str | Path) -> RawText:
    """The lines of a file already read: dispatched to the reader its content needs."""
    from .formats import detect

    if not data:
        raise InputError("file is empty", path)
    kind = detect(data, path)
    if kind == "pdf":
        from .read_pdf import read_pdf

        return read_pdf(data, path)
    if kind == "docx":
        from .read_docx import read_docx

        return read_docx(data, path)
    if kind == "html":
        from .read_html import read_html

        return read_html(data, path)
    if kind == "xml":
        raise InputError("is XML: pass normalized guidediff XML where XML is accepted "
                         "(show, diff, report)", path)
    text, encoding = decode(data, path)
    lines = assign_pages(split_lines(text, path))
    return RawText(str(path), hashlib.sha256(data).hexdigest(), encoding, tuple(lines))


def ingest_text(text: str, name: str = "<text>") -> RawText:
    """Ingest an already-decoded string (tests, other readers)."""
    data = text.encode("utf-8")
    lines = assign_pages(split_lines(text, name))
    return RawText(name, hashlib.sha256(data).hexdigest(), "utf-8", tuple(lines))
