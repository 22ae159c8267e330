"""Plain-text input: a guideline text in UTF-8, UTF-16 or GB18030, one printed line per line."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from .pages import assign_pages
from .raw import CONTROL_RE, LineTable, RawText, decode, real_paragraphs


def split_lines(text: str, path: str | Path) -> list[str]:
    if not text.strip():
        raise InputError("contains no text (only whitespace)", path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = CONTROL_RE.search(text)  # (one scan of the whole text)
    if bad:
        raise InputError(f"contains the control character U+{ord(bad.group(0)):04X}, which no "
                         "text holds; is it a binary file?", path,
                         text.count("\n", 0, bad.start()) + 1)
    return text.split("\n")


def _lines(text: str, path: str | Path) -> LineTable:
    """The text's lines with their pages; a text that holds a paragraph per line (a page
    pasted from the web, a text saved unwrapped) marks each line's end as a paragraph's."""
    table = assign_pages(split_lines(text, path))
    texts = table.texts
    for i, t in enumerate(texts):  # a form feed starts a page (read above); in text, a space
        if "\f" in t:
            texts[i] = t.replace("\f", " ")
    if real_paragraphs(texts):
        table.mark_hard_breaks()
    return table


def read_text(data: bytes, path: str | Path) -> RawText:
    text, encoding = decode(data, path)
    return RawText(str(path), hashlib.sha256(data).hexdigest(), encoding, _lines(text, path))


def text_raw(text: str, name: str = "<text>") -> RawText:
    """An already-decoded string as a RawText (tests, other readers)."""
    data = text.encode("utf-8")
    return RawText(name, hashlib.sha256(data).hexdigest(), "utf-8", _lines(text, name))
