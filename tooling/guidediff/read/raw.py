"""The shared raw-text types and helpers of every reader: ``RawText``, decoding, bounded reads.

Every reader (text, PDF, DOCX, HTML) returns a ``RawText``; the readers import from here and
nothing here imports a reader.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Line
from ..text import COLONS, TERMINAL, ends_with, width

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


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

    @property
    def line_unit(self) -> str:
        return line_unit(self.encoding)


def line_unit(encoding: str) -> str:
    """What a source's line number counts: a paragraph of a DOCX or an HTML page, else a line
    (of the text file, or of a PDF's text layer)."""
    return "paragraph" if encoding in ("docx", "html") else "line"


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
    return CONTROL_RE.subn("\ufffd", text.replace("\x0c", "\n"))


def real_paragraphs(texts: list[str]) -> bool:
    """True when each text is a whole paragraph (a Word or HTML paragraph), False when each is
    one wrapped line of a page (a text or PDF dump saved a paragraph per line).

    Wrapping leaves its mark: many lines that stop mid-sentence at one width, the column's. A
    document of real paragraphs has lines that stop wherever their sentences end; the densest
    cluster of unterminated lines sharing a width (within 4 columns) is then small.
    """
    body = [t.strip() for t in texts if t.strip()]
    if not body:
        return True
    cut = sorted(width(t) for t in body if not ends_with(t, TERMINAL + COLONS) and width(t) >= 40)
    densest, lo = 0, 0
    for hi, w in enumerate(cut):
        while cut[lo] < w - 4:
            lo += 1
        densest = max(densest, hi - lo + 1)
    return densest < 0.06 * len(body)
