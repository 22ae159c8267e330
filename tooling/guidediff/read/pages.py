"""Page provenance of a plain text: which printed page every line is on, worked out from the
extractor's page-start marks (a leading space or form feed) and the printed page numbers
(``— 11 —``)."""

from __future__ import annotations

import re

from ..model import Line

PAGE_NUMBER_RE = re.compile(r"^\s*[—–\-－]\s*(\d{1,4})\s*[—–\-－]\s*$")


def _uses_leading_space_for_pages(lines: list[str]) -> bool:
    """The extractor marks page starts with a leading space; trust that only where it is rare."""
    body = [s for s in lines if s.strip()]
    indented = sum(1 for s in body if s[:1] in (" ", "\u3000", "\f"))
    return 0 < indented <= max(1, len(body) // 5)


def assign_pages(raw: list[str]) -> list[Line]:
    """Number the lines and give each its printed page where the document lets us know it."""
    mark_spaces = _uses_leading_space_for_pages(raw)
    page_index, started, after_footer = 0, False, False
    numbered: list[tuple[int, str, int, bool]] = []
    anchors: dict[int, int] = {}  # page index -> printed number
    for n, text in enumerate(raw, 1):
        if not text.strip():
            numbered.append((n, text, page_index, False))
            continue
        is_start = after_footer or text.startswith("\f") or (
            mark_spaces and text[:1] in (" ", "\u3000"))
        if is_start and started:
            page_index += 1
        started, after_footer = True, False
        m = PAGE_NUMBER_RE.match(text)
        if m:
            anchors.setdefault(page_index, int(m.group(1)))
            after_footer = True
        numbered.append((n, text, page_index, is_start))
    offsets = {num - idx for idx, num in anchors.items()}
    offset = offsets.pop() if len(offsets) == 1 else None
    return [Line(n, t, (idx + offset) if offset is not None else None, start)
            for n, t, idx, start in numbered]
