"""Plain-text helpers every stage uses: display width, closing characters, spacing folded."""

from __future__ import annotations

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
TERMINAL = "。；;！？!?"  # what ends a sentence or a clause
COLONS = "：:"


def width(text: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def ends_with(text: str, chars: str) -> bool:
    """Does ``text`` end with one of ``chars``? (False for empty text, unlike ``in``.)"""
    return bool(text) and text[-1] in chars


def is_ascii_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum())


def fold_spaces(text: str) -> str:
    """Line wraps and spacing: drop spaces next to CJK text, keep one between Latin words."""
    text = _SPACE_RE.sub(" ", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
