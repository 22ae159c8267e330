"""Shared recognizers for the printed structure of a guideline: headings, labels, list markers.

Kept in one place so the cleaner (which must know where paragraphs start) and the parser (which
must know what they are) agree. Labels come from the vocabulary (``labels.toml``); list markers
from one table of styles, each with the numeral it counts in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .vocabulary import FieldDef, vocabulary

CN_NUM = "一二三四五六七八九十"
_DIGIT = "0-9０-９"
_CN_VALUES = {c: i for i, c in enumerate("零一二三四五六七八九十")}
PART_HEADING_RE = re.compile(rf"^([{CN_NUM}]+)\s*、\s*(\S.{{0,20}})$")
DIRECTION_RE = re.compile(
    rf"^([{_DIGIT}]{{1,3}})\s*[.．]\s*([{_DIGIT}]{{1,3}})\s*(?=[^{_DIGIT}\s.．、，,)）%％])(.+)$")
_DIRECTION_WORDS = re.compile(r"项目|合作|计划|机制|中心|实验室|组织|专项")
LABEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,12})\s*[：:]")
URL_LINE_RE = re.compile(r"^\s*(?:https?://|ftp://|mailto:)\S+\s*$", re.IGNORECASE)
# the rest of a long URL wrapped onto the next line (a PDF made from a dump wraps them)
URL_CONTINUATION_RE = re.compile(r"^[A-Za-z0-9._~:/?#@!$&'*+=%\-]+[，,。；;]?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


@dataclass(frozen=True)
class MarkerStyle:
    """A style of list marker: how it is printed, and the numeral it counts in."""

    name: str
    pattern: re.Pattern[str]
    numeral: str  # digit | cn | circled | letter | none


MARKERS: tuple[MarkerStyle, ...] = (
    MarkerStyle("cn-paren", re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]"), "cn"),
    MarkerStyle("digit-paren", re.compile(rf"^(?:[（(]\s*[{_DIGIT}]{{1,3}}\s*[）)]|[⑴-⒇])"),
                "digit"),
    MarkerStyle("digit-half-paren", re.compile(rf"^[{_DIGIT}]{{1,3}}\s*[）)]"), "digit"),
    MarkerStyle("digit-dot",
                re.compile(rf"^(?:[{_DIGIT}]{{1,3}}\s*[.．](?![{_DIGIT}.．])\s*|[⒈-⒛])"), "digit"),
    MarkerStyle("digit-comma", re.compile(rf"^[{_DIGIT}]{{1,3}}\s*、"), "digit"),
    MarkerStyle("circled", re.compile(r"^[①-⑳]"), "circled"),
    MarkerStyle("cn-comma", re.compile(rf"^[{CN_NUM}]+\s*、"), "cn"),
    MarkerStyle("letter-paren", re.compile(r"^[（(]\s*[a-z]\s*[）)]"), "letter"),
    MarkerStyle("letter-half-paren", re.compile(r"^[a-z][）)]"), "letter"),
    MarkerStyle("dash", re.compile(r"^——"), "none"),
)
STYLES = {m.name: m for m in MARKERS}


def cn_int(s: str) -> int | None:
    """一 … 九十九 as a number (十一, 二十, 二十三)."""
    if not s or any(c not in _CN_VALUES for c in s):
        return None
    if "十" not in s:
        return _CN_VALUES[s] if len(s) == 1 else None
    tens, _, ones = s.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)


def marker_value(marker: str, style: str) -> int | None:
    """The number a marker prints: （三） → 3, ⑤ → 5, b) → 2; None for a dash."""
    numeral = STYLES[style].numeral if style in STYLES else "digit"
    if numeral == "digit":
        digits = "".join(c for c in marker.translate(_FULLWIDTH) if c.isascii() and c.isdigit())
        if digits:
            return int(digits)
        enclosed = next((c for c in marker if "⑴" <= c <= "⒛"), None)
        return (ord(enclosed) - ord("⑴")) % 20 + 1 if enclosed else None
    if numeral == "cn":
        return cn_int("".join(c for c in marker if c in CN_NUM))
    if numeral == "circled":
        return ord(marker.strip()[0]) - ord("①") + 1
    if numeral == "letter":
        letter = next((c for c in marker if c.isascii() and c.isalpha()), "")
        return ord(letter.lower()) - ord("a") + 1 if letter else None
    return None


def match_marker(text: str) -> tuple[str, str] | None:
    """Return (style, printed marker) for a list entry, or None."""
    if DIRECTION_RE.match(text):
        return None
    for style in MARKERS:
        m = style.pattern.match(text)
        if m:
            return style.name, m.group(0)
    return None


def unmarked(text: str) -> str:
    """A list entry without its marker (and the spaces around it): （1）智慧城市, 1. 智慧城市 and
    ① 智慧城市 are 智慧城市."""
    t = text.strip()
    marker = match_marker(t)
    return t[len(marker[1]):] if marker else t


def direction_id(printed: str) -> str:
    """The id of a printed direction number: ``1．2`` and ``１.２`` are ``1.2``."""
    m = DIRECTION_RE.match(printed.strip())
    assert m is not None
    return f"{m.group(1).translate(_FULLWIDTH)}.{m.group(2).translate(_FULLWIDTH)}"


def match_direction(text: str, following: str = "") -> tuple[str, str] | None:
    """Return (id, title) for a direction heading such as ``2.8中国和西班牙政府间科技合作项目``."""
    m = DIRECTION_RE.match(text.strip())
    if not m or not _DIRECTION_WORDS.search(m.group(3) + following[:4]):
        return None
    if any(c in m.group(3) for c in "。；，;"):
        return None
    return direction_id(text), m.group(3).strip()


def match_part(text: str) -> tuple[str, str] | None:
    m = PART_HEADING_RE.match(text.strip())
    if not m or any(c in m.group(2) for c in "。；，：:;,"):
        return None
    return m.group(1), m.group(2).strip()


def match_any_label(text: str) -> str | None:
    """Any field-like label (``申报说明：``): 2 to 8 Chinese characters and a colon."""
    m = re.match(r"^([\u4e00-\u9fff]{2,8})\s*[：:]", text)
    return m.group(1) if m else None


def match_label(text: str) -> str | None:
    """The known field label a paragraph starts with (without its colon), or None."""
    m = LABEL_RE.match(text)
    if m and m.group(1) in vocabulary().by_label:
        return m.group(1)
    return None


def field_of(label: str) -> FieldDef:
    return vocabulary().by_label[label]


def glued_labels(text: str) -> list[int]:
    """Where a known label starts inside a paragraph, glued after the end of the previous
    sentence or bracket (``…4000万元人民币。其他要求：``), so that it starts a field."""
    if "：" not in text and ":" not in text:  # (a label ends with its colon)
        return []
    out = []
    for m in vocabulary().glued_label_re.finditer(text):
        if m.start("label") > 0:
            out.append(m.start("label"))
    return out
