"""The shared raw-text types and helpers of every reader: ``RawText``, decoding, bounded reads.

Every reader (text, PDF, DOCX, HTML) returns a ``RawText``; the readers import from here and
nothing here imports a reader.
"""

from __future__ import annotations

import codecs
import re
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from ..errors import InputError, display_path
from ..files import DEFAULT_MAX_BYTES, read_file
from ..model import Line
from ..text import COLONS, TERMINAL, ends_with, width

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")


_PAGE_START, _HARD_BREAK = 1, 2


class LineTable(Sequence[Line]):
    """The lines of a text file, numbered from 1, kept compact: their texts, and their pages,
    sheets and flags in arrays. A ``Line`` is made when one is asked for, so that a long text
    costs about its own size (a Line object per line would cost more than its text)."""

    __slots__ = ("flags", "pages", "sheets", "texts")

    def __init__(self, texts: list[str], pages: array[int], sheets: array[int],
                 flags: bytearray) -> None:
        assert len(texts) == len(pages) == len(sheets) == len(flags)
        self.texts, self.pages, self.sheets, self.flags = texts, pages, sheets, flags

    def __len__(self) -> int:
        return len(self.texts)

    def _line(self, i: int) -> Line:
        page, f = self.pages[i], self.flags[i]
        return Line(i + 1, self.texts[i], None if page < 0 else page, bool(f & _PAGE_START),
                    bool(f & _HARD_BREAK), self.sheets[i])

    @overload
    def __getitem__(self, i: int) -> Line: ...

    @overload
    def __getitem__(self, i: slice) -> tuple[Line, ...]: ...

    def __getitem__(self, i: int | slice) -> Line | tuple[Line, ...]:
        if isinstance(i, slice):
            return tuple(self._line(k) for k in range(*i.indices(len(self))))
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._line(i)

    def __iter__(self) -> Iterator[Line]:
        return (self._line(i) for i in range(len(self.texts)))

    def mark_hard_breaks(self) -> None:
        """Every line that holds text ends a paragraph (a text with a paragraph per line)."""
        for i, t in enumerate(self.texts):
            if t.strip():
                self.flags[i] |= _HARD_BREAK


@dataclass(frozen=True)
class RawText:
    """A decoded input file: every line (blank ones too) numbered from 1.

    For PDF, DOCX and HTML inputs the lines are those of the extracted text, and ``encoding``
    names the format (``pdf``, ``docx``, ``html``).
    """

    path: str  # the input's name as it can be printed (undecodable bytes as \xNN)
    sha256: str
    encoding: str
    lines: Sequence[Line]  # a tuple, or a LineTable for a text file
    warnings: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", display_path(self.path))

    @property
    def texts(self) -> Sequence[str]:
        """The lines' texts (a LineTable holds them as they are: no Line is made)."""
        lines = self.lines
        return lines.texts if isinstance(lines, LineTable) else [ln.text for ln in lines]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def line_unit(self) -> str:
        return line_unit(self.encoding)


def line_unit(encoding: str) -> str:
    """What a source's line number counts: a paragraph of a DOCX or an HTML page, else a line
    (of the text file, or of a PDF's text layer)."""
    return "paragraph" if encoding in ("docx", "html") else "line"


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, bounded (``files.read_file``)."""
    return read_file(path, max_bytes)


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Return (text, encoding name): UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16
    without one (told by where its zero bytes fall), else GB18030. InputError for empty, binary
    or undecodable data, saying what was found."""
    if not data:
        raise InputError("file is empty", path)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), "utf-16" if enc == "utf-16" else enc
            except UnicodeDecodeError as e:
                shown = enc.removesuffix("-sig").upper()
                raise InputError(f"has a {shown} byte-order mark but byte {e.start:,} "
                                 f"does not decode: {e.reason}", path) from None
    if b"\x00" in data[:65536]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise InputError("is a binary file (it contains zero bytes, and is not UTF-16 text)",
                         path)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            raise InputError(_undecodable(data, utf8_error, gb_error), path) from None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: zero bytes fall on one parity (the high
    byte of every ASCII character: a line break, a digit, a space)."""
    if len(data) % 2:
        return None
    sample = data[:65536]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if max(even, odd) < 4 * max(1, min(even, odd)):
        return None
    enc = "utf-16-le" if odd > even else "utf-16-be"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or len(CONTROL_RE.findall(text[:65536])) > 0:
        return None
    return text, enc


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _undecodable(data: bytes, utf8: UnicodeDecodeError, gb: UnicodeDecodeError) -> str:
    """Why no encoding reads the data: in the encoding that reads furthest, the bytes where it
    stops, with their line."""
    name, e = ("GB18030", gb) if gb.start > utf8.start else ("UTF-8", utf8)
    bad = data[e.start:e.start + 2].hex(" ").upper()
    return (f"is not valid text: it reads as {name} up to byte {e.start:,} (line "
            f"{_line_of(data, e.start)}), where the bytes {bad} are not {name}; nor is it "
            f"{'UTF-8' if name == 'GB18030' else 'GB18030'} or UTF-16. Save it as UTF-8 and "
            "try again")


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
