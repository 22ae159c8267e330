"""Stage 2: clean extraction artifacts and join wrapped lines into paragraphs.

Cleaning is a list of small named steps (like Python-Markdown's preprocessors), each run in order
and each reporting what it removed. Removed text is never thrown away: it becomes an ``Artifact``
with its source line, so the XML still holds every character of the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..model import Artifact, Line, Paragraph, Source
from ..read.pages import PAGE_NUMBER_RE
from ..read.raw import RawText
from ..text import COLONS, TERMINAL, ends_with, is_ascii_word_char, width
from . import patterns as pt


@dataclass
class StepReport:
    name: str
    removed: int = 0
    note: str = ""


@dataclass
class Cleaned:
    paragraphs: list[Paragraph]
    artifacts: list[Artifact]
    reports: list[StepReport] = field(default_factory=list)


StepFn = Callable[[list[Line]], tuple[list[Line], list[Artifact], str]]


def drop_blank_lines(lines: list[Line]) -> tuple[list[Line], list[Artifact], str]:
    """The extractor follows every line with a blank one; blank lines carry no text."""
    kept = [ln for ln in lines if ln.text.strip()]
    return kept, [], f"{len(lines) - len(kept)} blank lines"


def drop_page_numbers(lines: list[Line]) -> tuple[list[Line], list[Artifact], str]:
    """Printed page numbers such as ``— 11 —``."""
    kept: list[Line] = []
    gone: list[Artifact] = []
    for ln in lines:
        if PAGE_NUMBER_RE.match(ln.text):
            gone.append(Artifact("page-number", ln.text.strip(), ln.number, ln.page))
        else:
            kept.append(ln)
    return kept, gone, ""


@dataclass
class _Layout:
    full: int  # display width of a full line

    def short(self, text: str) -> bool:
        return width(text) < self.full * 0.8


def _layout(lines: Sequence[Line]) -> _Layout:
    widths = sorted(width(ln.text.strip()) for ln in lines)
    full = widths[int(len(widths) * 0.75)] if widths else 60
    return _Layout(max(full, 48))  # a printed CJK line is at least ~24 characters wide


def _url_wrapped(prev: str, layout: _Layout) -> bool:
    """Was a URL cut at the end of ``prev`` (a full line, or one ending inside a URL)?"""
    return not layout.short(prev) or prev.endswith(("/", "-", "_", ".", "=", "&", "?"))


def _is_annotation_run_end(lines: list[Line], j: int) -> bool:
    return j >= len(lines) or lines[j].page_start


def drop_link_annotations(lines: list[Line]) -> tuple[list[Line], list[Artifact], str]:
    """PDF link annotations dumped as bare ``https://…`` / ``mailto:…`` lines.

    The extractor writes a page's annotations after its text, so a run of URL-only lines right
    before a page start (or the end) is an annotation dump, wherever it cuts a sentence. A
    ``mailto:`` line is never printed text. A URL line that continues a sentence stays body text.
    """
    kept: list[Line] = []
    gone: list[Artifact] = []
    layout = _layout(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and (pt.URL_LINE_RE.match(lines[j].text) or (
                j > i and pt.URL_CONTINUATION_RE.match(lines[j].text)
                and _url_wrapped(lines[j - 1].text.strip(), layout))):
            j += 1
        if j > i and _is_annotation_run_end(lines, j):
            gone.extend(Artifact("link-annotation", ln.text.strip(), ln.number, ln.page)
                        for ln in lines[i:j])
            i = j
            continue
        ln = lines[i]
        if ln.text.strip().lower().startswith("mailto:") and pt.URL_LINE_RE.match(ln.text):
            gone.append(Artifact("link-annotation", ln.text.strip(), ln.number, ln.page))
        else:
            kept.append(ln)
        i += 1
    return kept, gone, ""


STEPS: tuple[tuple[str, StepFn], ...] = (
    ("drop-blank-lines", drop_blank_lines),
    ("drop-page-numbers", drop_page_numbers),
    ("drop-link-annotations", drop_link_annotations),
)


# ---------------------------------------------------------------- joining wrapped lines

_ADDRESS_CHARS = re.compile(r"[\w.@/:%#?=&~+\-]")
_OPENERS = "《（(“‘「【"


def _tail_token(text: str) -> str:
    m = re.search(r"[\w.@/:%#?=&~+\-：]+$", text)
    return m.group(0) if m else ""


def _in_address(prev: str, nxt: str) -> bool:
    """True when a line break falls inside a URL or e-mail address."""
    tok = _tail_token(prev)
    if not tok or not _ADDRESS_CHARS.match(nxt[:1] or " "):
        return False
    if any(s in tok for s in ("://", "：//", "www.", "@")) or tok.endswith(("：", ":")):
        return nxt[:1] != " " and (tok[-1:] not in "：:" or nxt.startswith("//"))
    return nxt.startswith("@") or (tok.endswith((".", "@", "/", "_", "-"))
                                   and "." in tok and not tok[:1].isdigit())


def joiner(prev: str, nxt: str) -> tuple[str, bool]:
    """The separator to put between two wrapped lines, and whether an address was repaired."""
    if _in_address(prev, nxt):
        return "", True
    if is_ascii_word_char(prev[-1:]) and is_ascii_word_char(nxt[:1]):
        return " ", False
    if prev[-1:] in ",;" and nxt[:1].isascii() and nxt[:1].isalpha():
        return " ", False
    return "", False


def starts_paragraph(prev: str, cur: str, nxt: str, layout: _Layout, prev_head: str) -> bool:
    """Does ``cur`` start a new paragraph after ``prev``? (``prev_head``: first line of prev's
    paragraph, ``nxt``: the line after ``cur``.)"""
    ends = ends_with(prev, TERMINAL + COLONS)
    short = layout.short(prev)
    if pt.match_label(cur) or pt.match_part(cur) or pt.match_part(prev):
        return True
    if pt.match_direction(cur, nxt) and (ends or short or pt.match_direction(prev_head)):
        return True
    if pt.match_marker(cur) and (ends or short):
        return True
    if short and ends:
        return True
    # a short one-line paragraph without closing punctuation is a heading (（一）能源领域):
    # what follows in Chinese is a new paragraph; a wrap before a Latin token is not
    cjk_next = bool(cur[:1]) and not cur[:1].isascii()
    return short and not ends and cjk_next and not ends_with(prev, _OPENERS) \
        and prev == prev_head


def join_paragraphs(lines: list[Line]) -> tuple[list[Paragraph], int]:
    """Join wrapped lines. Returns the paragraphs and the number of split addresses repaired."""
    layout = _layout(lines)
    in_title = True  # the document's title block: short lines, each its own paragraph
    paras: list[Paragraph] = []
    buf: list[Line] = []
    text = ""
    repaired = 0

    def flush() -> None:
        if buf:
            src = Source(buf[0].number, buf[-1].number, buf[0].page)
            paras.append(Paragraph(text, src))

    for i, ln in enumerate(lines):
        cur = ln.text.strip()
        nxt = lines[i + 1].text.strip() if i + 1 < len(lines) else ""
        prev = buf[-1].text.strip() if buf else ""
        if buf and buf[-1].hard_break:
            flush()
            buf, text = [ln], cur
            continue
        in_title = in_title and layout.short(cur) and not ends_with(prev, TERMINAL)
        if buf and not in_title and not starts_paragraph(prev, cur, nxt, layout,
                                                         buf[0].text.strip()):
            sep, fixed = joiner(text, cur)
            repaired += fixed
            text += sep + cur
            buf.append(ln)
            continue
        flush()
        buf, text = [ln], cur
    flush()
    return paras, repaired


def clean(raw: RawText, steps: Sequence[tuple[str, StepFn]] = STEPS) -> Cleaned:
    """Run every cleaning step in order, then join the remaining lines into paragraphs."""
    lines = list(raw.lines)
    artifacts: list[Artifact] = []
    reports: list[StepReport] = []
    for name, step in steps:
        lines, gone, note = step(lines)
        artifacts.extend(gone)
        reports.append(StepReport(name, len(gone), note))
    paragraphs, repaired = join_paragraphs(lines)
    reports.append(StepReport("join-wrapped-lines", 0,
                              f"{len(lines)} lines into {len(paragraphs)} paragraphs"))
    reports.append(StepReport("repair-split-addresses", 0, f"{repaired} addresses rejoined"))
    artifacts.sort(key=lambda a: a.line)
    return Cleaned(paragraphs, artifacts, reports)
