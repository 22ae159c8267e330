"""Stage 2: clean extraction artifacts and join wrapped lines into paragraphs.

Cleaning is a list of small named steps (like Python-Markdown's preprocessors), each run in order
and each reporting what it removed. Removed text is never thrown away: it becomes an ``Artifact``
with its source line, so the XML still holds every character of the input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from ..model import Artifact, Line, Paragraph, Source
from ..read.pages import Glued, glued_page_number, page_number
from ..read.raw import LineTable, RawText
from ..text import COLONS, TERMINAL, ends_with, is_ascii_word_char, width
from . import patterns as pt
from .vocabulary import vocabulary


@dataclass
class StepReport:
    """What one cleaning step took out or changed."""

    name: str
    removed: int = 0
    note: str = ""


@dataclass
class Cleaned:
    """The lines of a document cleaned, and what was taken out."""

    paragraphs: list[Paragraph]
    artifacts: list[Artifact]
    reports: list[StepReport] = field(default_factory=list)


StepFn = Callable[[Sequence[Line]], tuple[list[Line], list[Artifact], str]]


def drop_blank_lines(lines: Sequence[Line]) -> tuple[list[Line], list[Artifact], str]:
    """The extractor follows every line with a blank one; blank lines carry no text."""
    if isinstance(lines, LineTable):  # (no Line is made for a blank line)
        kept = [lines[i] for i, t in enumerate(lines.texts) if t.strip()]
    else:
        kept = [ln for ln in lines if ln.text.strip()]
    return kept, [], f"{len(lines) - len(kept)} blank lines"


def drop_page_numbers(lines: Sequence[Line]) -> tuple[list[Line], list[Artifact], str]:
    """Printed page numbers: ``— 11 —``, ``- 3 -``, ``第 3 页``, ``3/20``, ``·3·``; and one
    glued to the first line of the page it begins (``— 17 —共拟支持经费：…``), where the reader
    found that it closes a page: the line keeps its text after the number."""
    kept: list[Line] = []
    gone: list[Artifact] = []
    for ln in lines:
        if page_number(ln.text) is not None:
            gone.append(Artifact("page-number", ln.text.strip(), ln.number, ln.page))
        elif ln.page_start and (g := _closing(ln)) is not None:
            gone.append(Artifact("page-number", ln.text[:g.end].strip(), ln.number, g.number))
            kept.append(replace(ln, text=ln.text[g.end:]))
        else:
            kept.append(ln)
    return kept, gone, ""


def _closing(ln: Line) -> Glued | None:
    """The page number a page's first line starts with: one between dashes or dots, or one
    that numbers the page before (第17页 before a line of page 18)."""
    g = glued_page_number(ln.text)
    if g is None or not (g.unmistakable or (ln.page is not None and g.number == ln.page - 1)):
        return None
    return g


def page_begins(lines: Sequence[Line], j: int) -> bool:
    """Does a page of the source begin at ``lines[j]`` (or is ``j`` past the end)?"""
    if j >= len(lines):
        return True
    return lines[j].page_start or (j > 0 and lines[j].sheet != lines[j - 1].sheet)


def _structural(text: str) -> bool:
    return bool(pt.match_direction(text) or pt.match_part(text) or pt.match_label(text)
                or pt.match_marker(text))


def drop_running_headers(lines: Sequence[Line]) -> tuple[list[Line], list[Artifact], str]:
    """A running header: the same short line at the top of many pages (the programme's name
    printed above every page). Its next line then begins the page."""
    tops = [i for i in range(len(lines)) if i == 0 or page_begins(lines, i)]
    if len(tops) < 2:
        return list(lines), [], ""
    seen: dict[str, int] = {}
    for i in tops:
        key = "".join(lines[i].text.split())
        seen[key] = seen.get(key, 0) + 1
    headers = {k for k, n in seen.items() if n >= max(2, 0.3 * len(tops)) and 0 < len(k) <= 60
               and not _structural(k)}
    if not headers:
        return list(lines), [], ""
    drop = {i for i in tops if "".join(lines[i].text.split()) in headers}
    kept: list[Line] = []
    gone: list[Artifact] = []
    begins = False
    for i, ln in enumerate(lines):
        if i in drop:
            gone.append(Artifact("running-header", ln.text.strip(), ln.number, ln.page))
            begins = True
            continue
        kept.append(replace(ln, page_start=True) if begins and i > 0 else ln)
        begins = False
    return kept, gone, ""


_FIRST_TOKEN = re.compile(r"(?:[A-Za-z0-9@._:/%+=&?#~\-]+|.)[，。、；：？！）》”’」】%,.;:?!)]*")


@dataclass
class _Layout:
    """How wide a document's lines are."""

    full: int  # display width of a full line
    widths: dict[str, int] = field(default_factory=dict)  # a document's lines, measured once

    def width(self, text: str) -> int:
        w = self.widths.get(text)
        if w is None:
            w = self.widths[text] = width(text)
        return w

    def short(self, text: str) -> bool:
        return self.width(text) < self.full * 0.8

    def ended_early(self, prev: str, cur: str) -> bool:
        """Did ``prev`` end before the line was full, with room for the first word of ``cur``?
        A line left short because a long Latin word (an e-mail, a URL) did not fit is full."""
        if not self.short(prev):
            return False
        m = _FIRST_TOKEN.match(cur)
        first = width(m.group(0)) if m else 0
        return first < self.full - self.width(prev) - 1


def _layout(lines: Sequence[Line]) -> _Layout:
    """The width of a full line: most lines of a wrapped text are full. Too few lines to tell
    (or a page of short list entries): a printed CJK line is at least ~24 characters wide."""
    measured = {t: width(t) for t in (ln.text.strip() for ln in lines)}
    widths = sorted(measured[ln.text.strip()] for ln in lines)
    if len(widths) < 40:
        return _Layout(max(widths[int(len(widths) * 0.75)] if widths else 60, 48), measured)
    return _Layout(max(widths[int(len(widths) * 0.75)], 24), measured)


def _url_wrapped(prev: str, layout: _Layout) -> bool:
    """Was a URL cut at the end of ``prev`` (a full line, or one ending inside a URL)?"""
    return not layout.short(prev) or prev.endswith(("/", "-", "_", ".", "=", "&", "?"))


def _is_annotation_run_end(lines: Sequence[Line], j: int) -> bool:
    """A dump ends where a page begins, or where a heading that cannot continue a sentence
    follows it directly (a direction or part heading)."""
    if page_begins(lines, j):
        return True
    nxt = lines[j].text.strip()
    return bool(pt.match_direction(nxt, lines[j + 1].text.strip() if j + 1 < len(lines) else "")
                or pt.match_part(nxt))


def _address(text: str) -> str:
    """A URL or mailto line as an address to look for elsewhere: scheme, punctuation and
    trailing slash dropped."""
    t = re.sub(r"^\s*(?:https?|ftp)\s*[:：]\s*//|^\s*mailto:", "", text.strip(), flags=re.I)
    return t.rstrip("，,。；;.:：/ ").lower()


# What introduces a printed address in Chinese text: a colon, a bracket, 为/见/是, 网址, 链接…
_INTRODUCED = re.compile(r"(?:[：:（(]|为|见|是|至|网址|网站|链接|地址|登录|访问)\s*$")


_MAX_TWINS = 200


class _Links:
    """Tells printed URLs from dumped link annotations in a document's lines.

    A dump is the target of a link printed elsewhere: it repeats an address of the document
    (its twin), and it cuts a sentence anywhere. A printed URL is introduced (``链接为``,
    ``网址：``, a bracket) or ends the sentence begun on the line before.
    """

    def __init__(self, lines: Sequence[Line], url: list[bool]) -> None:
        self.lines = lines
        # each address is counted in one pass over the text; a real guideline dumps a few
        # dozen, so past _MAX_TWINS distinct addresses the rest count once (a bound on the work)
        addresses = sorted({_address(ln.text) for ln, u in zip(lines, url, strict=True) if u}
                           - {""})
        body = "".join(ln.text.strip() for ln in lines).lower() if addresses else ""
        self.twins = {a: len(re.findall(  # an address is ASCII: CJK text may touch it
            rf"(?<![A-Za-z0-9_.@]){re.escape(a)}/?(?![A-Za-z0-9_.%/@-])", body))
                      for a in addresses[:_MAX_TWINS]}

    def introduced(self, i: int) -> bool:
        """Does the text before line ``i`` introduce an address (a field label introduces a
        field's text, not an address), and is it not the first of identical dumped lines?"""
        if i == 0 or not _INTRODUCED.search(prev := self.lines[i - 1].text.strip()):
            return False
        label = re.search(r"([\u4e00-\u9fff]{2,12})\s*[：:]\s*$", prev[-32:])
        if label and label.group(1) in vocabulary().by_label:
            return False
        nxt = self.lines[i + 1].text.strip() if i + 1 < len(self.lines) else ""
        return nxt != self.lines[i].text.strip()

    def repeated(self, i: int) -> bool:
        return self.twins.get(_address(self.lines[i].text), 0) > 1

    def printed(self, i: int) -> bool:
        """The URL line ``i`` is printed text a line wrap put on its own line."""
        text = self.lines[i].text.strip()
        if text.lower().startswith("mailto:") or i == 0:
            return False
        if self.introduced(i):
            return True
        prev = self.lines[i - 1].text.strip()
        return ends_with(text, "。；;") and not ends_with(prev, TERMINAL + COLONS) \
            and not self.repeated(i)


def _is_mailto(ln: Line) -> bool:
    return ln.text.strip().lower().startswith("mailto:")


def drop_link_annotations(lines: Sequence[Line]) -> tuple[list[Line], list[Artifact], str]:
    """PDF link annotations dumped as bare ``https://…`` / ``mailto:…`` lines.

    The extractor writes a page's annotations after its text, so a run of URL-only lines right
    before a page begins (or the end, or a direction heading) is an annotation dump, wherever it
    cuts a sentence, but for a printed URL that starts the run (``_Links.printed``). Where no
    page is seen (a PDF printed anew), a run holding a ``mailto:`` line or a URL that repeats an
    address printed elsewhere is a dump too, wrapped lines and all.
    """
    kept: list[Line] = []
    gone: list[Artifact] = []
    url = [pt.URL_LINE_RE.match(ln.text) is not None for ln in lines]  # each line tested once
    if not any(url):
        return list(lines), [], ""
    layout = _layout(lines)
    links = _Links(lines, url)

    def drop(ln: Line) -> None:
        gone.append(Artifact("link-annotation", ln.text.strip(), ln.number, ln.page))

    i = 0
    while i < len(lines):
        if url[i] and links.printed(i):
            kept.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and (url[j] or (
                j > i and pt.URL_CONTINUATION_RE.match(lines[j].text)
                and _url_wrapped(lines[j - 1].text.strip(), layout))):
            j += 1
        if j > i and _is_annotation_run_end(lines, j):
            for ln in lines[i:j]:
                drop(ln)
            i = j
            continue
        if j > i and any(url[k] and (_is_mailto(lines[k]) or links.repeated(k))
                         for k in range(i, j)):
            for ln in lines[i:j]:  # a dump block cut into the page, wrapped lines and all
                drop(ln)
            i = j
            continue
        kept.append(lines[i])
        i += 1
    return kept, gone, ""


STEPS: tuple[tuple[str, StepFn], ...] = (
    ("drop-blank-lines", drop_blank_lines),
    ("drop-page-numbers", drop_page_numbers),
    ("drop-running-headers", drop_running_headers),
    ("drop-link-annotations", drop_link_annotations),
)


# ---------------------------------------------------------------- joining wrapped lines

_SCHEME = re.compile(r"(?:https?|ftp)\s*[:：]\s*//|www\.", re.IGNORECASE)
_ADDRESS_CHARS = re.compile(r"[\w.@/:%#?=&~+\-]")
_OPENERS = "《（(“‘「【"


_TAIL = 256  # the longest address tail looked at: the end of a paragraph is scanned, not all
_TAIL_TOKEN = re.compile(r"[\w.@/:%#?=&~+\-：]+$")
_TAIL_LETTERS = re.compile(r"[A-Za-z]+$")


def _tail_token(text: str) -> str:
    m = _TAIL_TOKEN.search(text[-_TAIL:])
    return m.group(0) if m else ""


def _in_address(prev: str, nxt: str) -> bool:
    """True when a line break falls inside a URL or e-mail address."""
    tok = _tail_token(prev)
    if not tok or not _ADDRESS_CHARS.match(nxt[:1] or " "):
        return False
    letters = _TAIL_LETTERS.search(prev[-16:])
    if letters and _SCHEME.match(letters.group(0) + nxt) and not _SCHEME.match(nxt):
        return True  # a scheme cut in two: htt / ps://…, ww / w.…
    if any(s in tok for s in ("://", "：//", "www.", "@")) or tok.endswith(("：", ":")):
        return nxt[:1] != " " and (tok[-1:] not in "：:" or nxt.startswith("//"))
    return nxt.startswith("@") or (tok.endswith((".", "@", "/", "_", "-"))
                                   and "." in tok[:-1] and not tok[:1].isdigit())


def joiner(prev: str, nxt: str) -> tuple[str, bool]:
    """The separator to put between two wrapped lines, and whether an address was repaired."""
    if _in_address(prev, nxt):
        return "", True
    if is_ascii_word_char(prev[-1:]) and is_ascii_word_char(nxt[:1]):
        return " ", False
    if prev[-1:] in ",;." and nxt[:1].isascii() and nxt[:1].isalpha():
        return " ", False
    return "", False


def _label_split(prev: str, label: str) -> bool:
    """Does ``label`` at the start of a line end a longer label begun at the end of ``prev``
    (``…医疗。拟`` / ``支持项目数：``)? Then the line continues the paragraph."""
    return any(pt.match_label(prev[-k:] + label + "：") for k in range(1, 7) if len(prev) >= k)


def _item_heading(prev: str, prev_head: str) -> bool:
    """Is ``prev`` a one-line item without closing punctuation (``1. 面向智能制造的…系统``)?
    A marker on the next line then starts its first sub-item, however full the line is."""
    marker = pt.match_marker(prev)
    return prev == prev_head and marker is not None \
        and not any(c in prev[len(marker[1]):] for c in TERMINAL + COLONS + "，,")


def starts_paragraph(prev: str, cur: str, nxt: str, layout: _Layout, prev_head: str) -> bool:
    """Does ``cur`` start a new paragraph after ``prev``? (``prev_head``: first line of prev's
    paragraph, ``nxt``: the line after ``cur``.)"""
    ends = ends_with(prev, TERMINAL + COLONS)
    short = layout.ended_early(prev, cur)
    label = pt.match_label(cur)
    if (label and not _label_split(prev, label)) or pt.match_part(cur) or pt.match_part(prev):
        return True
    if pt.match_direction(cur, nxt) and (ends or short or pt.match_direction(prev_head)):
        return True
    if pt.match_marker(cur) and (ends or short or _item_heading(prev, prev_head)):
        return True
    if short and ends:
        return True
    # a short one-line item without closing punctuation is a heading (（一）能源领域): what
    # follows in Chinese is a new paragraph; a wrap before a Latin token is not
    cjk_next = bool(cur[:1]) and not cur[:1].isascii()
    return short and not ends and cjk_next and not ends_with(prev, _OPENERS) \
        and prev == prev_head and pt.match_marker(prev) is not None


# the last line of a document's title: it names the kind of document, perhaps with its stage
_TITLE_END = re.compile(r"(?:指南|通知)\s*(?:[（(][^（）()]{1,12}[）)])?$")


def ends_title(prev: str, before_sentence: bool) -> bool:
    """Does ``prev`` close the document's title (``…项目申报指南（征求意见稿）``), printed before
    the first sentence? A title is a paragraph of its own, however long its line (a text or a
    DOCX saved a line per paragraph has nothing else to say so)."""
    return before_sentence and _TITLE_END.search(prev) is not None


@dataclass
class _JoinCounts:
    """How many lines each joining rule joined."""

    lines: int = 0
    paragraphs: int = 0
    repaired: int = 0  # addresses a line break had cut
    cuts: int = 0  # labels glued to a sentence


def _joined(lines: list[Line], counts: _JoinCounts) -> Iterator[Paragraph]:
    """Join wrapped lines, one paragraph at a time."""
    layout = _layout(lines)
    in_title = True  # the document's title block: short lines, each its own paragraph
    before_sentence = True  # no line so far has ended a sentence
    buf: list[Line] = []
    starts: list[tuple[int, int, int | None]] = []
    text = ""
    counts.lines = len(lines)

    def flushed() -> Paragraph:
        counts.paragraphs += 1
        return Paragraph(text, Source(buf[0].number, buf[-1].number, buf[0].page),
                         tuple(starts))

    stripped = [ln.text.strip() for ln in lines]
    stripped.append("")
    for i, ln in enumerate(lines):
        cur, nxt = stripped[i], stripped[i + 1]
        prev = stripped[i - 1] if buf else ""  # (the last line in buf is the line before)
        was_title = in_title
        in_title = in_title and layout.short(cur) and not ends_with(prev, TERMINAL)
        title_ends = buf and ends_title(prev, before_sentence)
        before_sentence = before_sentence and not ends_with(cur, TERMINAL)
        # a paragraph of the source ends here, unless a page break cut it: then the usual
        # rules decide whether the new page continues the sentence
        if buf and buf[-1].hard_break and not (ln.page_start or ln.sheet != buf[-1].sheet):
            yield flushed()
            buf, text, starts = [ln], cur, [(0, ln.number, ln.page)]
            continue
        if buf and not in_title and not was_title and not title_ends and not starts_paragraph(
                prev, cur, nxt, layout, buf[0].text.strip()):
            sep, fixed = joiner(text, cur)
            counts.repaired += fixed
            text += sep
            starts.append((len(text), ln.number, ln.page))
            text += cur
            buf.append(ln)
            continue
        if buf:
            yield flushed()
        buf, text, starts = [ln], cur, [(0, ln.number, ln.page)]
    if buf:
        yield flushed()


def join_paragraphs(lines: list[Line]) -> tuple[list[Paragraph], int]:
    """Join wrapped lines. Returns the paragraphs and the number of split addresses repaired."""
    counts = _JoinCounts()
    paras = list(_joined(lines, counts))
    return paras, counts.repaired


def paragraphs(lines: list[Line], reports: list[StepReport]) -> Iterator[Paragraph]:
    """The cleaned lines as paragraphs, one at a time: wrapped lines joined, a field label
    glued after the end of the previous sentence or bracket (``…4000万元人民币。其他要求：（1）…``)
    cut to start a paragraph of its own, as if printed so. When the last is given, the steps'
    reports are added to ``reports``."""
    counts = _JoinCounts()
    for p in _joined(lines, counts):
        at = pt.glued_labels(p.text)
        if at:
            counts.cuts += len(at)
            yield from p.split(at)
        else:
            yield p
    reports.append(StepReport("join-wrapped-lines", 0,
                              f"{counts.lines} lines into {counts.paragraphs} paragraphs"))
    reports.append(StepReport("split-glued-labels", 0,
                              f"{counts.cuts} labels glued to a sentence"))
    reports.append(StepReport("repair-split-addresses", 0,
                              f"{counts.repaired} addresses rejoined"))


def clean_lines(raw: RawText, steps: Sequence[tuple[str, StepFn]] = STEPS
                ) -> tuple[list[Line], list[Artifact], list[StepReport]]:
    """Run every cleaning step on the lines in order: the lines left, what the steps took out
    (in line order) and their reports."""
    lines: Sequence[Line] = raw.lines  # (the first step makes the list it returns)
    artifacts: list[Artifact] = []
    reports: list[StepReport] = []
    for name, step in steps:
        lines, gone, note = step(lines)
        artifacts.extend(gone)
        reports.append(StepReport(name, len(gone), note))
    artifacts.sort(key=lambda a: a.line)
    return list(lines), artifacts, reports


def clean(raw: RawText, steps: Sequence[tuple[str, StepFn]] = STEPS) -> Cleaned:
    """Run every cleaning step in order, then join the remaining lines into paragraphs."""
    lines, artifacts, reports = clean_lines(raw, steps)
    return Cleaned(list(paragraphs(lines, reports)), artifacts, reports)
