"""DOCX with real tracked changes: the whole document, its preamble and its directions, as the
new version, with every change from the old one a revision (w:ins / w:del, author guidediff).
Accept All gives the new text, Reject All the old (each direction's, in the new document's order:
renumbering is not a change of text). Dropped directions are deleted sections, added ones
inserted sections. A4, page numbers."""

from __future__ import annotations

from typing import cast

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from ..compare.events import ChangeLog, ClauseRow, PairView
from ..compare.kinds import AlignStatus, RowStatus
from ..compare.location import DIRECTIONS, Scope
from ..compare.tokens import token_diff
from . import docxutil as dx
from .options import RenderOptions
from .order import interleaved

OLD_ONLY = (RowStatus.REMOVED, RowStatus.MOVED_FROM)


def _new_only(r: ClauseRow) -> bool:
    return r.status in (RowStatus.ADDED, RowStatus.MOVED_TO) or r.in_moved


def _row_runs(p: Paragraph, r: ClauseRow, rev: dx.Revisions) -> None:
    if r.status in OLD_ONLY:
        dx.add_deleted(p, r.old_text or "", rev)
    elif _new_only(r):
        dx.add_inserted(p, r.new_text or "", rev)
    elif r.diff:
        dx.add_ops(p, r.diff, rev)
    else:
        dx.add_text(p, r.new_text or "")


def _paragraphs(rows: list[ClauseRow]) -> list[list[ClauseRow]]:
    groups: list[list[ClauseRow]] = []
    for r in rows:
        if r.new_paragraph or not groups:
            groups.append([r])
        else:
            groups[-1].append(r)
    return groups


class _Body:
    """Paragraphs appended to the document body in one pass: python-docx's ``add_paragraph``
    looks up the section properties and the style by name on each call (linear in the body
    and the styles, so quadratic over a document); this keeps both found once. The XML made
    is the same."""

    def __init__(self, doc: Document) -> None:  # type: ignore[valid-type]
        self.doc = doc
        body = doc.element.body  # type: ignore[attr-defined]
        self.end = body.find(qn("w:sectPr"))
        self.styles = {name: doc.styles[name].style_id  # type: ignore[attr-defined]
                       for name in ("Title", "Heading 1", "Heading 2")}

    def paragraph(self, style: str | None = None) -> Paragraph:
        p = cast(CT_P, OxmlElement("w:p"))
        if self.end is not None:
            self.end.addprevious(p)
        else:
            self.doc.element.body.append(p)  # type: ignore[attr-defined]
        if style is not None:
            p.style = self.styles[style]
        return Paragraph(p, self.doc._body)  # type: ignore[attr-defined]

    def heading(self, level: int) -> Paragraph:
        return self.paragraph("Title" if level == 0 else f"Heading {level}")


def _heading(doc: _Body, v: PairView, rev: dx.Revisions) -> None:
    p = doc.heading(2)
    title_row = next((r for r in v.rows if r.location.is_title), None)
    if v.status is AlignStatus.ADDED:
        dx.add_inserted(p, f"{v.new} {v.new_title}", rev)
        dx.mark_paragraph(p, "w:ins", rev)
        return
    if v.status is AlignStatus.DROPPED:
        dx.add_deleted(p, f"{v.old} {v.old_title}", rev)
        dx.mark_paragraph(p, "w:del", rev)
        return
    if v.old != v.new:
        dx.add_deleted(p, f"{v.old}", rev)
        dx.add_inserted(p, f"{v.new}", rev)
    else:
        dx.add_text(p, f"{v.new}")
    dx.add_text(p, " ")
    if title_row is not None and title_row.diff:
        dx.add_ops(p, title_row.diff, rev)
    else:
        dx.add_text(p, v.new_title)


def _clauses(doc: _Body, rows: list[ClauseRow], rev: dx.Revisions) -> None:
    """Rows as the paragraphs they make up: a paragraph is deleted when all its clauses are,
    inserted when all are new; a part's heading is a heading, a nested clause indented."""
    for group in _paragraphs(rows):
        if group[0].location.heading:
            p = doc.heading(1)
        else:
            p = doc.paragraph()
            if group[0].depth:
                p.paragraph_format.left_indent = Pt(21 * group[0].depth)
        for r in group:
            _row_runs(p, r, rev)
        if all(r.status in OLD_ONLY for r in group):
            dx.mark_paragraph(p, "w:del", rev)
        elif all(_new_only(r) for r in group):
            dx.mark_paragraph(p, "w:ins", rev)


def _direction(doc: _Body, v: PairView, rev: dx.Revisions) -> None:
    _heading(doc, v, rev)
    _clauses(doc, [r for r in v.rows if not r.location.is_title], rev)


def _split(rows: tuple[ClauseRow, ...]) -> tuple[list[ClauseRow], list[ClauseRow]]:
    """The preamble before the directions (up to the directions part's own paragraphs), and
    what follows them (the parts printed after the directions)."""
    last = max((k for k, r in enumerate(rows) if r.location.scope is Scope.PREAMBLE
                and r.location.section == DIRECTIONS),
               default=len(rows) - 1)
    return list(rows[:last + 1]), list(rows[last + 1:])


def render_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    """The whole new document, preamble and directions, with every change from the old one a
    revision: Accept All gives the new text, Reject All the old. A4, page numbers."""
    date = opts.revision_date(log.new.year)
    rev = dx.Revisions(date)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin = sec.right_margin = Mm(26)
    sec.top_margin = sec.bottom_margin = Mm(30)
    dx.set_east_asian_font(doc.styles["Normal"], "宋体")
    for name in ("Title", "Heading 1", "Heading 2"):
        dx.set_east_asian_font(doc.styles[name], "黑体")
    dx.declare_font_fallbacks(doc)
    rows = [r for r in log.preamble if not r.location.is_title]
    body = _Body(doc)
    title = body.heading(0)
    if log.old.title == log.new.title:
        dx.add_text(title, log.new.title)
    else:
        dx.add_ops(title, token_diff(log.old.title, log.new.title), rev)
    before, after = _split(tuple(rows))
    _clauses(body, before, rev)
    for v in interleaved(log):
        _direction(body, v, rev)
    _clauses(body, after, rev)
    dx.add_page_number_footer(sec)
    dx.set_properties(doc, log.new.title, date)
    return dx.save_deterministic(doc)
