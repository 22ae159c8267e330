"""The one reader of printed numbers: exactly, or not at all.

A printed number is a run of digits and what can sit between them: invisible characters (a
zero-width space, a word joiner, a soft hyphen, a byte-order mark…), spaces of any width, commas
half- or full-width, apostrophes, a decimal point. The run is read whole, never in pieces: a
reading that could take ``45\\u200b00`` for 00 or ``4，500`` for 500 cannot happen.

- Invisible characters are not there: ``45\\u200b00`` is 4500.
- Separators must group as thousands do (one kind, 1 to 3 digits, then groups of 3):
  ``4，500``, ``4 500`` and ``1,000,000`` are read; ``45 00`` or ``4,50`` is not certain.
- One decimal point, at most 6 decimals; at most ``MAX_DIGITS`` digits.

The value parsers match on ``number_view(text)``: the text character for character, each
certain run as its plain digits (left-aligned, padded with spaces), each uncertain run as ``#``
(nothing matches it), invisible characters elsewhere as spaces. Spans found on the view are
spans of the printed text. ``unreadable`` names, for a warning, each run before a unit that
was kept as text, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..text import ascii_view

MAX_DIGITS = 12  # the longest number read as a value (万元 or a count); longer stays text
MAX_DECIMALS = 6

# Format characters (Unicode Cf) and the other characters that print nothing: no reader sees
# them, so a number does not hold them.
INVISIBLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
             "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_GROUPING = {",": "comma", "，": "comma", "'": "apostrophe", "’": "apostrophe"}
_JOINERS = f"{INVISIBLE}\\s,，'’_·・."  # what a run of digits may hold between its digits
_TOKEN_RE = re.compile(f"[0-9]++(?:[{_JOINERS}]++[0-9]++)*+")
_PLAIN_RE = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_SEPARATORS_RE = re.compile(r"[^0-9]+")


@dataclass(frozen=True)
class Number:
    """A run of digits as printed, and its value (None: it cannot be read with certainty)."""

    start: int
    end: int
    printed: str
    value: Decimal | None
    reason: str = ""  # why not (out of range, or what makes it uncertain)
    digits: int = 0


def read_number(printed: str) -> tuple[Decimal | None, str, int]:
    """(value, reason, digits) of a run of digits as printed (after ``ascii_view``)."""
    t = _INVISIBLE_RE.sub("", printed)
    digits = sum(c.isdigit() for c in t)
    if t.count(".") > 1:
        return None, "more than one decimal point", digits
    whole, dot, frac = t.partition(".")
    whole, frac = whole.rstrip(), frac.lstrip()  # (``6 .2``, ``0. 45``: a wrapped line)
    if dot and (not frac.isdigit() or len(frac) > MAX_DECIMALS):
        return None, "its decimals are not digits alone" if not frac.isdigit() else \
            f"more than {MAX_DECIMALS} decimals", digits
    reason = _grouping_problem(whole)
    if reason:
        return None, reason, digits
    if digits > MAX_DIGITS:
        return None, "out of range", digits
    plain = re.sub(r"[^0-9]", "", whole)
    return Decimal(plain + (dot + frac if dot else "")), "", digits


def _grouping_problem(whole: str) -> str:
    """Why the integer part does not group as thousands do ("" if it does, or has no
    separator)."""
    groups = _SEPARATORS_RE.split(whole)
    seps = _SEPARATORS_RE.findall(whole)
    if not seps:
        return ""
    kinds = {_GROUPING.get(s, "space" if len(s) == 1 and s.isspace() else s) for s in seps}
    if len(kinds) > 1 or any(len(s) != 1 for s in seps):
        return "its digits are separated by " + " and ".join(sorted(_shown(s) for s in
                                                                    set(seps)))
    kind = kinds.pop()
    if kind not in ("comma", "apostrophe", "space"):
        return f"its digits are separated by {_shown(seps[0])}"
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return f"its digits are separated by {_shown(seps[0])} where no thousands begin"
    return ""


def _shown(s: str) -> str:
    """A separator as a reader can be told it: a space, a comma, or U+XXXX."""
    names = {" ": "a space", ",": "a comma", "，": "a full-width comma", "'": "an apostrophe",
             "\u3000": "a full-width space", "\u00a0": "a no-break space"}
    return " ".join(names.get(c) or f"U+{ord(c):04X}" for c in s[:3])


def numbers(text: str) -> list[Number]:
    """Every run of digits of ``text`` (with ``ascii_view`` applied) that is not plain digits,
    read."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        printed = m.group(0)
        if _PLAIN_RE.fullmatch(printed) and len(printed) <= MAX_DIGITS:
            continue
        value, reason, digits = read_number(printed)
        out.append(Number(m.start(), m.end(), printed, value, reason, digits))
    return out


@lru_cache(maxsize=16)
def number_view(text: str) -> str:
    """``text`` as the value parsers read it (see the module's docstring)."""
    view = ascii_view(text)
    if not _INVISIBLE_RE.search(view) and not _maybe_joined(view):
        return view
    pieces, at = [], 0
    for n in numbers(view):
        pieces.append(_INVISIBLE_RE.sub(" ", view[at:n.start]))
        width = n.end - n.start
        if n.value is None:
            pieces.append("#" * width)
        else:
            plain = re.sub(r"[^0-9.]", "", _INVISIBLE_RE.sub("", n.printed))
            pieces.append(plain.ljust(width))
        at = n.end
    pieces.append(_INVISIBLE_RE.sub(" ", view[at:]))
    return "".join(pieces)


_JOINED_RE = re.compile(f"[0-9][{_JOINERS}]++[0-9]|[0-9]{{{MAX_DIGITS + 1}}}")


def _maybe_joined(view: str) -> bool:
    """Could ``view`` hold a run that is not plain digits (a quick test before the scan)?"""
    return _JOINED_RE.search(view) is not None
