"""Page provenance: which page every line is on, from whatever the source shows.

A PDF or DOCX has pages of its own (sheets). A plain text shows them by marks: the extractor
starts each page with a leading space (or a form feed), and printed page numbers close pages in
any of the usual styles (``— 11 —``, ``- 3 -``, ``第 3 页``, ``3/20``, ``·3·``). The same marks,
carried over into a DOCX or PDF made from such a text, still say where the original pages began.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import replace

from ..model import Line
from .raw import LineTable

_D = r"([0-9０-９]{1,4})"
_PAGE_NUMBER_RES = (
    re.compile(rf"^\s*[—–\-－~～]{{1,2}}\s*{_D}\s*[—–\-－~～]{{1,2}}\s*$"),  # — 11 —, - 3 -
    re.compile(rf"^\s*第\s*{_D}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{{1,4}}\s*页)?\s*$"),  # 第 3 页
    re.compile(rf"^\s*{_D}\s*/\s*[0-9０-９]{{1,4}}\s*$"),  # 3/20
    re.compile(rf"^\s*[·•・∙]\s*{_D}\s*[·•・∙]\s*$"),  # ·3·
    re.compile(rf"^\s*(?:Page|页码)\s*[:：]?\s*{_D}(?:\s*(?:of|/)\s*\d{{1,4}})?\s*$", re.I),
)
_PAGE_MARKS = (" ", "\u3000", "\f", "\t")


# what a page-number line can start with (one test before the patterns above)
_PAGE_NUMBER_START = re.compile(r"\s*[—–\-－~～第0-9０-９·•・∙页Pp]")


def page_number(text: str) -> int | None:
    """The number of a printed page-number line, or None if the line is not one."""
    if _PAGE_NUMBER_START.match(text) is None:
        return None
    for rx in _PAGE_NUMBER_RES:
        m = rx.match(text)
        if m:
            return int(m.group(1).translate(_FULLWIDTH_DIGITS))
    return None


_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def uses_page_marks(texts: list[str]) -> bool:
    """Does the extractor mark page starts with a leading space? Trust that only where it is
    rare (an indented paragraph style would indent every paragraph)."""
    body = [s for s in texts if s.strip()]
    indented = sum(1 for s in body if s[:1] in _PAGE_MARKS)
    return 0 < indented <= max(1, len(body) // 5)


def assign_pages(texts: list[str]) -> LineTable:
    """A plain text: number the lines, count its pages from the marks and page-number lines,
    and give each line its printed page where the numbers let us know it."""
    mark_spaces = uses_page_marks(texts)
    sheets = array("i", bytes(4 * len(texts)))
    flags = bytearray(len(texts))
    sheet, started, after_footer = 0, False, False
    anchors: dict[int, int] = {}  # sheet -> printed number
    for i, text in enumerate(texts):
        if text.strip():
            is_start = after_footer or text.startswith("\f") or (
                mark_spaces and text[:1] in _PAGE_MARKS)
            if is_start and started:
                sheet += 1
            started, after_footer = True, False
            printed = page_number(text)
            if printed is not None:
                anchors.setdefault(sheet, printed)
                after_footer = True
            if is_start:
                flags[i] = 1
        sheets[i] = sheet
    offsets = {num - idx for idx, num in anchors.items()}
    offset = offsets.pop() if len(offsets) == 1 else None
    pages = (array("i", (s + offset for s in sheets)) if offset is not None
             else array("i", [-1]) * len(texts))
    return LineTable(texts, pages, sheets, flags)


def mark_carried_pages(lines: list[Line]) -> list[Line]:
    """A DOCX or PDF made from an extracted text, one line per paragraph: the text's own page
    marks (leading spaces, page-number lines) still say where its pages began."""
    texts = [ln.text for ln in lines]
    mark_spaces = uses_page_marks(texts)
    out, after_footer = [], False
    for ln in lines:
        if not ln.text.strip():
            out.append(ln)
            continue
        marked = after_footer or (mark_spaces and ln.text[:1] in _PAGE_MARKS)
        after_footer = page_number(ln.text) is not None
        out.append(replace(ln, page_start=True) if marked and not ln.page_start else ln)
    return out
