"""Shared recognizers for the printed structure of a guideline: headings, labels, list markers.

Kept in one place so the cleaner (which must know where paragraphs start) and the parser (which
must know what they are) agree.
"""

from __future__ import annotations

import re

CN_NUM = "一二三四五六七八九十"
PART_HEADING_RE = re.compile(rf"^([{CN_NUM}]+)、\s*(\S.{{0,20}})$")
DIRECTION_RE = re.compile(r"^(\d{1,2}\.\d{1,2})\s*(?=[^\d\s.．、，,])(.+)$")
_DIRECTION_WORDS = re.compile(r"项目|合作|计划|机制|中心|实验室|组织|专项")
LABEL_RE = re.compile(r"^([\u4e00-\u9fff]{2,12})\s*[：:]")
URL_LINE_RE = re.compile(r"^\s*(?:https?://|ftp://|mailto:)\S+\s*$", re.IGNORECASE)
# the rest of a long URL wrapped onto the next line (a PDF made from a dump wraps them)
URL_CONTINUATION_RE = re.compile(r"^[A-Za-z0-9._~:/?#@!$&'*+=%\-]+[，,。；;]?$")

# label (without colon) -> field name. Budget variants all map to "budget".
KNOWN_LABELS: dict[str, str] = {
    "外交承诺": "commitments",
    "合作协议": "agreements",
    "领域方向": "areas",
    "研究方向": "areas",
    "拟支持项目数": "projects",
    "支持项目数": "projects",
    "共拟支持经费": "budget",
    "拟支持经费": "budget",
    "拟支持总经费": "budget",
    "共拟支持总经费": "budget",
    "拟支持经费与项目数": "budget",
    "拟支持项目数与经费": "budget",
    "其他要求": "requirements",
    "申报要求": "requirements",
}
# Labels of the sub-directions of a direction's areas (the GEO direction).
SUBFIELD_LABELS: dict[str, str] = {
    "研究内容": "content",
    "考核指标": "indicators",
}

MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cn-paren", re.compile(rf"^[（(]\s*[{CN_NUM}]+\s*[）)]")),
    ("digit-paren", re.compile(r"^[（(]\s*\d{1,2}\s*[）)]")),
    ("digit-half-paren", re.compile(r"^\d{1,2}\s*[）)]")),
    ("digit-dot", re.compile(r"^\d{1,2}\s*[.．](?![\d.．])\s*")),
    ("dash", re.compile(r"^——")),
)


def match_marker(text: str) -> tuple[str, str] | None:
    """Return (style, printed marker) for a list entry, or None."""
    if DIRECTION_RE.match(text):
        return None
    for style, rx in MARKERS:
        m = rx.match(text)
        if m:
            return style, m.group(0)
    return None


def match_direction(text: str, following: str = "") -> tuple[str, str] | None:
    """Return (id, title) for a direction heading such as ``2.8中国和西班牙政府间科技合作项目``."""
    m = DIRECTION_RE.match(text.strip())
    if not m or not _DIRECTION_WORDS.search(m.group(2) + following[:4]):
        return None
    if any(c in m.group(2) for c in "。；，"):
        return None
    return m.group(1), m.group(2).strip()


def match_part(text: str) -> tuple[str, str] | None:
    m = PART_HEADING_RE.match(text.strip())
    if not m or any(c in m.group(2) for c in "。；，："):
        return None
    return m.group(1), m.group(2).strip()


def match_any_label(text: str) -> str | None:
    """Any field-like label (``申报说明：``): 2 to 8 Chinese characters and a colon."""
    m = re.match(r"^([\u4e00-\u9fff]{2,8})[：:]", text)
    return m.group(1) if m else None


def match_label(text: str) -> str | None:
    """The known field label a paragraph starts with (without its colon), or None."""
    m = LABEL_RE.match(text)
    if m and (m.group(1) in KNOWN_LABELS or m.group(1) in SUBFIELD_LABELS):
        return m.group(1)
    return None
