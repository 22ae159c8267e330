"""Plain-text helpers every stage uses: display width, closing characters, spacing folded."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_SPACE_RE = re.compile(r"\s+")
TERMINAL = "。；;！？!?"  # what ends a sentence or a clause
COLONS = "：:"


# East Asian Wide and Fullwidth characters (UAX #11, W and F), as ranges: CJK, kana, Hangul,
# full-width forms, CJK punctuation, and the wide emoji. A few rare symbols may differ from
# unicodedata; a width only guides where lines end.
_WIDE = (
    "[\u1100-\u115F\u231A\u231B\u2329\u232A\u23E9-\u23EC\u23F0\u23F3\u25FD\u25FE"
    "\u2614\u2615\u2648-\u2653\u267F\u2693\u26A1\u26AA\u26AB\u26BD\u26BE\u26C4\u26C5"
    "\u26CE\u26D4\u26EA\u26F2\u26F3\u26F5\u26FA\u26FD\u2705\u270A\u270B\u2728\u274C"
    "\u274E\u2753-\u2755\u2757\u2795-\u2797\u27B0\u27BF\u2B1B\u2B1C\u2B50\u2B55"
    "\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uA960-\uA97F"
    "\uAC00-\uD7A3\uF900-\uFAFF\uFE10-\uFE19\uFE30-\uFE6F\uFF01-\uFF60\uFFE0-\uFFE6"
    "\U00016FE0-\U00016FE4\U00017000-\U00018AFF\U0001B000-\U0001B2FF\U0001F004\U0001F0CF"
    "\U0001F18E\U0001F191-\U0001F19A\U0001F200-\U0001F64F\U0001F680-\U0001F6FF"
    "\U0001F7E0-\U0001F7EB\U0001F90C-\U0001F9FF\U0001FA70-\U0001FAFF"
    "\U00020000-\U0002FFFD\U00030000-\U0003FFFD]+")  # (compiled when first asked)


def width(text: str) -> int:
    """Display width: CJK and full-width characters count 2."""
    if text.isascii():
        return len(text)
    return 2 * len(text) - len(_wide_re().sub("", text))


@cache
def _wide_re() -> re.Pattern[str]:
    return re.compile(_WIDE)


def ends_with(text: str, chars: str) -> bool:
    """Does ``text`` end with one of ``chars``? (False for empty text, unlike ``in``.)"""
    return bool(text) and text[-1] in chars


def is_ascii_word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum())


# Full-width digits, Latin letters and the signs numbers and addresses use, as ASCII: one
# character for one, so that a match on the view is a span of the printed text.
_ASCII_VIEW = str.maketrans(
    "０１２３４５６７８９．＋－／＠＿" + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B)),
    "0123456789.+-/@_" + "".join(chr(c) for c in range(0x41, 0x5B))
    + "".join(chr(c) for c in range(0x61, 0x7B)))


_FULL_WIDTH = re.compile("[０-９．＋－／＠＿Ａ-Ｚａ-ｚ]")


def ascii_view(text: str) -> str:
    """``text`` with full-width digits and letters as ASCII, character for character (the
    text itself, most often: a scan for any such character is cheaper than a translation)."""
    return text.translate(_ASCII_VIEW) if _FULL_WIDTH.search(text) else text


def canonical(text: str) -> str:
    """A name as a typed value: compatibility forms unified (（）→(), full-width letters and
    digits → ASCII) and spacing folded, so that layout never changes a value."""
    return fold_spaces(unicodedata.normalize("NFKC", text))


def fold_spaces(text: str) -> str:
    """Line wraps and spacing: drop spaces next to CJK text, keep one between Latin words."""
    text = _SPACE_RE.sub(" ", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)


_PRINTED_UNIT = re.compile(r"\d(?:[\s,，'’\u00ad\u200b-\u200f\u2060\ufeff]*\d)*"
                           r"(?:\s*\.\s*(\d+))?\s*(亿|千万|百万|万|千)?")


def printed_unit(amount: str) -> tuple[str, int]:
    """How a printed amount is written: the multiplier before its currency word (亿, 千万,
    百万, 万, 千; "" for an amount in 元) and the digits after its point: ``约 6.2 亿元`` →
    ("亿", 1), ``4 500万元`` → ("万", 0), ``45,000,000元`` → ("", 0). (The amount's number is
    the last one printed.)"""
    found = list(_PRINTED_UNIT.finditer(ascii_view(amount)))
    if not found:
        return "万", 0
    return found[-1].group(2) or "", len(found[-1].group(1) or "")


_HEADING_NUMBER_RE = re.compile(r"^\s*[0-9０-９]{1,3}\s*[.．]\s*[0-9０-９]{1,3}")


def heading_number_end(title: str) -> int:
    """Where the printed number of a direction heading ends (``1．2 中国和…`` → 3), or 0."""
    m = _HEADING_NUMBER_RE.match(title)
    return m.end() if m else 0
