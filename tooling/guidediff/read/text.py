"""Plain-text input: a guideline text in UTF-8, UTF-16 or GB18030, one printed line per line."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from ..errors import InputError
from ..model import Line
from .pages import assign_pages
from .raw import CONTROL_RE, RawText, decode, real_paragraphs


def split_lines(text: str, path: str | Path) -> list[str]:
    if not text.strip():
        raise InputError("contains no text (only whitespace)", path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for i, line in enumerate(lines, 1):
        bad = CONTROL_RE.search(line)
        if bad:
            raise InputError(f"contains the control character U+{ord(bad.group(0)):04X}, which no "
                             "text holds; is it a binary file?", path, i)
    return lines


def _lines(text: str, path: str | Path) -> tuple[Line, ...]:
    """The text's lines with their pages; a text that holds a paragraph per line (a page
    pasted from the web, a text saved unwrapped) marks each line's end as a paragraph's."""
    # a form feed starts a page (assign_pages reads it); inside the text it is a space
    lines = [replace(ln, text=ln.text.replace("\f", " ")) if "\f" in ln.text else ln
             for ln in assign_pages(split_lines(text, path))]
    if real_paragraphs([ln.text for ln in lines]):
        lines = [replace(ln, hard_break=True) if ln.text.strip() else ln for ln in lines]
    return tuple(lines)


def read_text(data: bytes, path: str | Path) -> RawText:
    text, encoding = decode(data, path)
    return RawText(str(path), hashlib.sha256(data).hexdigest(), encoding, _lines(text, path))


def text_raw(text: str, name: str = "<text>") -> RawText:
    """An already-decoded string as a RawText (tests, other readers)."""
    data = text.encode("utf-8")
    return RawText(name, hashlib.sha256(data).hexdigest(), "utf-8", _lines(text, name))
