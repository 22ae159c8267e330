"""DOCX with real tracked changes: the text is the new version, every change from the old one a
revision (w:ins / w:del, author guidediff). Accept All gives each direction's new text, Reject All
its old text. Dropped directions are deleted sections, added ones inserted sections; directions
follow the new document's order (renumbering is not a change of text)."""

from __future__ import annotations

from docx import Document
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ..compare.events import ChangeLog, ClauseRow, PairView
from . import docxutil as dx
from .options import RenderOptions
from .order import interleaved

OLD_ONLY = ("removed", "moved_from")


def _new_only(r: ClauseRow) -> bool:
    return r.status in ("added", "moved_to") or r.in_moved


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


def _heading(doc: Document, v: PairView, rev: dx.Revisions) -> None:  # type: ignore[valid-type]
    p = doc.add_heading(level=2)  # type: ignore[attr-defined]
    title_row = next((r for r in v.rows if r.field == "title"), None)
    if v.status == "added":
        dx.add_inserted(p, f"{v.new} {v.new_title}", rev)
        dx.mark_paragraph(p, "w:ins", rev)
        return
    if v.status == "dropped":
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


def _direction(doc: Document, v: PairView, rev: dx.Revisions) -> None:  # type: ignore[valid-type]
    _heading(doc, v, rev)
    for group in _paragraphs([r for r in v.rows if r.field != "title"]):
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        depth = group[0].depth
        if depth:
            p.paragraph_format.left_indent = Pt(21 * depth)
        for r in group:
            _row_runs(p, r, rev)
        if all(r.status in OLD_ONLY for r in group):
            dx.mark_paragraph(p, "w:del", rev)
        elif all(_new_only(r) for r in group):
            dx.mark_paragraph(p, "w:ins", rev)


def render_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    date = opts.revision_date(log.new.year)
    rev = dx.Revisions(date)
    doc = Document()
    dx.set_east_asian_font(doc.styles["Normal"], "宋体")
    for name in ("Title", "Heading 1", "Heading 2"):
        dx.set_east_asian_font(doc.styles[name], "黑体")
    dx.declare_font_fallbacks(doc)
    title = doc.add_heading(level=0)
    if log.old.title == log.new.title:
        dx.add_text(title, log.new.title)
    else:
        dx.add_deleted(title, log.old.title, rev)
        dx.add_inserted(title, log.new.title, rev)
    for v in interleaved(log):
        _direction(doc, v, rev)
    dx.add_page_number_footer(doc.sections[0])
    dx.set_properties(doc, log.new.title, date)
    return dx.save_deterministic(doc)
