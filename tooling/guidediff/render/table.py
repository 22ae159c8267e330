"""新旧对照表: the two-column comparison table government readers expect, as DOCX.

Per direction, one row per clause: 原文 (old) | 修改后 (new) | 说明 (the change in words). Changed
words are struck out on the old side and underlined on the new side (bold as well, so the marks
survive black-and-white printing). Unchanged clauses are shown, abridged or omitted by option.
Landscape A4, page numbers, the header row repeated on every page.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..compare.events import ChangeLog, ClauseRow, PairView
from . import docxutil as dx
from .i18n import kind_label, t
from .options import RenderOptions
from .order import interleaved

ABRIDGE = 24


def _note(r: ClauseRow, kinds: dict[str, str], opts: RenderOptions) -> str:
    zh = opts.lang == "zh"
    if r.status in ("added", "removed"):
        return t("added" if r.status == "added" else "dropped", opts.lang)
    if r.status == "moved_from":
        return f"{'移至' if zh else 'moved to'} {r.field}"
    labels = [kind_label(kinds[i], opts.lang) for i in r.change_ids if i in kinds]
    if r.format_only and not opts.show_format_only:
        return ""
    if r.format_only:
        labels.append("仅格式" if zh else "format only")
    return "；".join(dict.fromkeys(labels))


def _unchanged(r: ClauseRow, opts: RenderOptions) -> bool:
    return r.status == "equal" or (r.format_only and r.status == "changed"
                                   and not opts.show_format_only)


def _abridged(text: str) -> str:
    return text if len(text) <= ABRIDGE else text[:ABRIDGE] + "……"


def _fill(cell: object, r: ClauseRow, side: str, opts: RenderOptions) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    text = r.old_text if side == "old" else r.new_text
    if text is None:
        return
    if r.depth:
        p.paragraph_format.left_indent = Pt(10 * r.depth)
    if _unchanged(r, opts):
        dx.add_text(p, _abridged(text) if opts.unchanged == "abridge" else text)
    elif r.diff and r.status in ("changed", "moved_to"):
        dx.add_marked(p, r.diff, side)
    elif r.status in ("removed", "moved_from") and side == "old":
        dx.add_marked(p, ((-1, text),), "old")
    elif r.status == "added" and side == "new":
        dx.add_marked(p, ((1, text),), "new")
    else:
        dx.add_text(p, text)


def _direction(table: object, v: PairView, kinds: dict[str, str], opts: RenderOptions) -> None:
    head = table.add_row().cells  # type: ignore[attr-defined]
    merged = head[0].merge(head[2])
    title = {"matched": f"{v.old} → {v.new} {v.new_title}",
             "added": f"{v.new} {v.new_title}（{t('added', opts.lang)}）",
             "dropped": f"{v.old} {v.old_title}（{t('dropped', opts.lang)}）"}[v.status]
    dx.add_text(merged.paragraphs[0], title, bold=True)
    for r in v.rows:
        if r.field == "title" and v.status == "matched" and r.status == "equal":
            continue
        if _unchanged(r, opts) and opts.unchanged == "omit":
            continue
        cells = table.add_row().cells  # type: ignore[attr-defined]
        _fill(cells[0], r, "old", opts)
        _fill(cells[1], r, "new", opts)
        dx.add_text(cells[2].paragraphs[0], _note(r, kinds, opts))


def render_table(log: ChangeLog, opts: RenderOptions) -> bytes:
    date = opts.revision_date(log.new.year)
    doc = Document()
    dx.set_east_asian_font(doc.styles["Normal"], "仿宋")
    doc.styles["Normal"].font.size = Pt(10.5)
    dx.declare_font_fallbacks(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(20))
    zh = opts.lang == "zh"
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dx.add_text(heading, ("新旧对照表" if zh else "Comparison table"), bold=True)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dx.add_text(sub, f"{t('old', opts.lang)}：{log.old.title}")
    sub2 = doc.add_paragraph()
    sub2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dx.add_text(sub2, f"{t('new', opts.lang)}：{log.new.title}")
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    hdr = table.rows[0]
    dx.repeat_header(hdr)
    for cell, label in zip(hdr.cells, (t("old", opts.lang), t("new", opts.lang),
                                       "说明" if zh else "note"), strict=True):
        dx.add_text(cell.paragraphs[0], label, bold=True)
    kinds = {c.id: c.kind for c in log.changes}
    for v in interleaved(log):
        _direction(table, v, kinds, opts)
    widths = (Mm(112), Mm(112), Mm(33))
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = w
    dx.add_page_number_footer(sec)
    dx.set_properties(doc, ("新旧对照表：" if zh else "Comparison: ") + log.new.title, date)
    return dx.save_deterministic(doc)
