"""Page provenance: which page every line is on, from whatever the source shows.

A PDF or DOCX has pages of its own (sheets). A plain text shows them by marks: the extractor
starts each page with a leading space (or a form feed), and printed page numbers close pages in
any of the usual styles (``— 11 —``, ``- 3 -``, ``第 3 页``, ``3/20``, ``·3·``). The same marks,
carried over into a DOCX or PDF made from such a text, still say where the original pages began.

An extractor can also glue a page's number to the first line of the next page
(``— 17 —共拟支持经费：2000万元人民币。``): such a line closes a page and begins the next one
where its number fits the document's page numbering (``glued_page_number``).
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass, replace

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

# a page number in the same styles with the next page's first line glued after it; the
# unmistakable styles (between dashes or dots) first, then 第 3 页 and 3/20
_GLUED_RES = (
    re.compile(rf"^\s*[—–\-－~～]{{1,2}}\s*{_D}\s*[—–\-－~～]{{1,2}}\s*(?=\S)"),
    re.compile(rf"^\s*[·•・∙]\s*{_D}\s*[·•・∙]\s*(?=\S)"),
    re.compile(rf"^\s*第\s*{_D}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{{1,4}}\s*页)?\s*(?=\S)"),
    re.compile(rf"^\s*{_D}\s*/\s*([0-9０-９]{{1,4}})\s*(?=[^\s0-9０-９.．/%])"),
)
_UNMISTAKABLE = 2  # the first two styles of _GLUED_RES


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


def _digits(text: str) -> int:
    return int(text.translate(_FULLWIDTH_DIGITS))


@dataclass(frozen=True)
class Glued:
    """A page number printed at the start of a line, the next page's text glued after it."""

    number: int
    end: int  # where the glued text begins
    unmistakable: bool  # between dashes or dots (— 17 —, ·17·), not 第17页 or 17/30


def glued_page_number(text: str) -> Glued | None:
    """The page number a line starts with, when more text follows it on the line."""
    if _PAGE_NUMBER_START.match(text) is None or page_number(text) is not None:
        return None
    for k, rx in enumerate(_GLUED_RES):
        m = rx.match(text)
        if m and (m.lastindex == 1 or _digits(m.group(1)) <= _digits(m.group(2))):
            return Glued(_digits(m.group(1)), m.end(), k < _UNMISTAKABLE)
    return None


def uses_page_marks(texts: list[str]) -> bool:
    """Does the extractor mark page starts with a leading space? Trust that only where it is
    rare (an indented paragraph style would indent every paragraph)."""
    body = [s for s in texts if s.strip()]
    indented = sum(1 for s in body if s[:1] in _PAGE_MARKS)
    return 0 < indented <= max(1, len(body) // 5)


Anchor = tuple[int, int, int]  # line, sheet, printed number


def _count_sheets(texts: list[str], mark_spaces: bool, glued: dict[int, int]
                  ) -> tuple[array[int], bytearray, list[Anchor], dict[int, tuple[int, Glued]]]:
    """Sheets and page-start flags from the marks, page-number lines and the glued page
    numbers taken (line -> number); the page numbers by line; the glued numbers seen on a line
    that does not begin a page (line -> (sheet, glued))."""
    sheets = array("i", bytes(4 * len(texts)))
    flags = bytearray(len(texts))
    sheet, started, after_footer = 0, False, False
    anchors: list[Anchor] = []
    seen: dict[int, tuple[int, Glued]] = {}
    for i, text in enumerate(texts):
        if text.strip():
            is_start = after_footer or text.startswith("\f") or (
                mark_spaces and text[:1] in _PAGE_MARKS)
            if i in glued:  # the number closes this sheet; the glued text begins the next
                anchors.append((i, sheet, glued[i]))
                is_start = True
            elif not is_start and (g := glued_page_number(text)) is not None:
                seen[i] = (sheet, g)
            if is_start and started:
                sheet += 1
            started, after_footer = True, False
            printed = page_number(text)
            if printed is not None:
                anchors.append((i, sheet, printed))
                after_footer = True
            if is_start:
                flags[i] = 1
        sheets[i] = sheet
    return sheets, flags, anchors, seen


def _at(j: int, sheet: int, taken: dict[int, int], glued: int) -> int:
    """The sheet of line ``j`` (``sheet`` before any glued number is taken) with the glued
    numbers ``taken`` and the one of line ``glued`` taken."""
    return sheet + sum(1 for k in taken if k < j and k != glued) + (1 if glued < j else 0)


def _fitting(seen: dict[int, tuple[int, Glued]], anchors: list[Anchor]) -> dict[int, int]:
    """The glued page numbers that fit the document's page numbering: the sheet a glued number
    closes is numbered as the nearest page number before it says (or, before any, the nearest
    after it), counting a sheet more after each glued number taken. Those taken are page
    numbers too, so the choice is repeated until it settles. Without any page number to go by,
    only the unmistakable styles (— 17 —, ·17·) are taken."""
    taken: dict[int, int] = {}
    for _ in range(len(seen) + 1):
        known = sorted([(i, s, n) for i, s, n in anchors]
                       + [(i, seen[i][0], n) for i, n in taken.items()])

        now: dict[int, int] = {}
        for i, (sheet, g) in seen.items():
            near = [k for k in known if k[0] < i][-1:] or [k for k in known if k[0] > i][:1]
            if near:
                j, s, n = near[0]
                fits = g.number - _at(i, sheet, taken, i) == n - _at(j, s, taken, i)
            else:
                fits = g.unmistakable
            if fits:
                now[i] = g.number
        if now == taken:
            break
        taken = now
    return taken


def assign_pages(texts: list[str]) -> LineTable:
    """A plain text: number the lines, count its pages from the marks and page-number lines
    (those glued to the next page's text too), and give each line its printed page where the
    numbers let us know it."""
    mark_spaces = uses_page_marks(texts)
    sheets, flags, anchors, seen = _count_sheets(texts, mark_spaces, {})
    glued = _fitting(seen, anchors)
    if glued:
        sheets, flags, anchors, _ = _count_sheets(texts, mark_spaces, glued)
    first: dict[int, int] = {}  # sheet -> its printed number (the first seen)
    for _, sheet, num in anchors:
        first.setdefault(sheet, num)
    offsets = {num - idx for idx, num in first.items()}
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
        glued = glued_page_number(ln.text)
        marked = after_footer or (mark_spaces and ln.text[:1] in _PAGE_MARKS) or (
            glued is not None and glued.unmistakable)
        after_footer = page_number(ln.text) is not None
        out.append(replace(ln, page_start=True) if marked and not ln.page_start else ln)
    return out
