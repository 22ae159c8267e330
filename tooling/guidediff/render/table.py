"""新旧对照表: the comparison table a drafting office expects, as DOCX.

One row per changed clause: 原文 (old) | 修改后 (new) | 说明 (the change in words: 经费由2500万元
调整为2000万元；新增联系人…). Every substantive event is stated once, on the row of the clause it
is in; changed words are struck out on the old side and underlined on the new side (in bold, so
the marks survive black-and-white printing); each side shows where it stands in its document.
Format-only differences are neither marked nor labelled unless asked for (then 格式调整). A
dropped or added direction is one row unless the full text is asked for. Unchanged clauses are
omitted, abridged or shown. A4 landscape, page numbers, the header row repeated on every page.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ..compare.events import Change, ChangeLog, ClauseRow, PairView
from ..compare.kinds import AlignStatus, Kind, RowStatus
from ..model import Source
from . import docxutil as dx
from .i18n import t
from .names import source_text
from .options import RenderOptions
from .order import interleaved
from .phrases import phrase

ABRIDGE = 24  # characters of an unchanged clause shown when abridged
CONTEXT = 16  # characters kept around each edit of a long changed clause
WIDTHS = (107.0, 107.0, 43.0)  # mm: old, new, note (A4 landscape, 20 mm margins)
DiffOps = tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Side:
    """One side of a row: plain text, or a diff to mark; and where it stands."""

    text: str
    ops: DiffOps = ()
    marked: bool = False  # the whole text is struck (old) or underlined (new)
    source: str = ""
    depth: int = 0


@dataclass(frozen=True)
class TableRow:
    kind: str  # heading | clause | direction | unchanged
    old: Side | None = None
    new: Side | None = None
    note: str = ""
    stated: tuple[str, ...] = ()  # ids of the substantive events the note states
    heading: str = ""
    format_only: bool = False  # a row shown only because format-only changes were asked for


def abridge_ops(ops: DiffOps, context: int = CONTEXT) -> DiffOps:
    """A changed clause with its long unchanged stretches cut to ``context`` characters around
    each edit (……): the reader sees what changed and where, not the whole paragraph again."""
    out: list[tuple[int, str]] = []
    last = len(ops) - 1
    for k, (op, text) in enumerate(ops):
        if op != 0:
            out.append((op, text))
            continue
        keep_head = context if k > 0 else 0  # after an edit
        keep_tail = context if k < last else 0  # before an edit
        if len(text) <= keep_head + keep_tail + 4:
            out.append((op, text))
            continue
        head = text[:keep_head] if keep_head else ""
        tail = text[len(text) - keep_tail:] if keep_tail else ""
        out.append((0, head + "……" + tail))
    return tuple(out)


class _Builder:
    def __init__(self, log: ChangeLog, opts: RenderOptions) -> None:
        self.log, self.opts = log, opts
        self.by_id: dict[str, Change] = {c.id: c for c in log.changes}
        self.stated: set[str] = set()
        self.rows: list[TableRow] = []

    def _src(self, s: Source | None, side: str) -> str:
        doc = self.log.old if side == "old" else self.log.new
        return source_text(s, doc.line_unit, self.opts.lang)

    def _side(self, r: ClauseRow, side: str, how: str) -> Side | None:
        text = r.old_text if side == "old" else r.new_text
        if text is None:
            return None
        src = self._src(r.old_source if side == "old" else r.new_source, side)
        if how == "marked" and r.diff and r.status in (RowStatus.CHANGED, RowStatus.MOVED_TO):
            ops = r.diff if self.opts.unchanged == "show" else abridge_ops(r.diff)
            return Side(text, ops, source=src, depth=r.depth)
        if how == "marked" and r.status in (RowStatus.REMOVED, RowStatus.MOVED_FROM,
                                            RowStatus.ADDED):
            return Side(text, marked=True, source=src, depth=r.depth)
        if how == "abridged" and len(text) > ABRIDGE:
            text = text[:ABRIDGE] + "……"
        return Side(text, source=src, depth=r.depth)

    def clause(self, r: ClauseRow) -> TableRow | None:
        """The row of one clause, or None when it is not shown."""
        ids = [i for i in r.change_ids if i in self.by_id]
        new = [i for i in ids if not self.by_id[i].format_only and i not in self.stated]
        said_before = any(not self.by_id[i].format_only for i in ids) and not new
        if new:
            self.stated.update(new)
            note = t("table.note_sep", self.opts.lang).join(
                phrase(self.by_id[i], self.opts.lang) for i in new)
            return TableRow("clause", self._side(r, "old", "marked"),
                            self._side(r, "new", "marked"), note, tuple(new))
        if said_before or (r.status in (RowStatus.REMOVED, RowStatus.ADDED) and not ids):
            # a clause inside one removed or added above: marked, stated once already
            return TableRow("clause", self._side(r, "old", "marked"),
                            self._side(r, "new", "marked"))
        if r.status is RowStatus.MOVED_FROM:
            note = t("table.moved_below", self.opts.lang)
            return TableRow("clause", self._side(r, "old", "marked"), None, note)
        changed = r.old_text != r.new_text and r.old_text is not None and r.new_text is not None
        if changed and self.opts.show_format_only:
            note = t("table.format_only", self.opts.lang)
            return TableRow("clause", self._side(r, "old", "marked"),
                            self._side(r, "new", "marked"), note, format_only=True)
        if r.location.is_title or self.opts.unchanged == "omit":
            return None
        if self.opts.unchanged == "abridge":
            return TableRow("unchanged")
        return TableRow("clause", self._side(r, "old", "plain"), self._side(r, "new", "plain"))

    def section(self, heading: str, rows: tuple[ClauseRow, ...]) -> None:
        body = _collapse([x for x in (self.clause(r) for r in rows) if x is not None],
                         self.opts.lang)
        if not any(x.note for x in body):
            heading += t("table.no_change", self.opts.lang)
            body = [x for x in body if self.opts.unchanged == "show"]
        self.rows.append(TableRow("heading", heading=heading))
        self.rows.extend(body)

    def direction(self, v: PairView) -> None:
        """A dropped or added direction as one row: its title, and its budget and count in the
        phrase of its event."""
        added = v.status is AlignStatus.ADDED
        kind = Kind.PROGRAM_ADDED if added else Kind.PROGRAM_DROPPED
        event = next((c for c in self.log.changes if c.kind is kind
                      and (c.new_direction if added else c.old_direction)
                      == (v.new if added else v.old)), None)
        note = phrase(event, self.opts.lang) if event else ""
        title_row = next((r for r in v.rows if r.location.is_title), None)
        src = None
        if title_row is not None:
            src = title_row.new_source if added else title_row.old_source
        side = Side(f"{v.old or v.new} {v.old_title or v.new_title}", marked=True,
                    source=self._src(src, "new" if added else "old"))
        self.rows.append(TableRow("direction", None if added else side,
                                  side if added else None, note,
                                  (event.id,) if event else ()))
        if event:
            self.stated.add(event.id)


def _collapse(rows: list[TableRow], lang: str) -> list[TableRow]:
    """Abridged: a run of unchanged clauses is one row saying how many (此处3条未作调整)."""
    out: list[TableRow] = []
    run = 0

    def flush() -> None:
        nonlocal run
        if run:
            text = t("table.unchanged_one" if run == 1 else "table.unchanged", lang, n=run)
            out.append(TableRow("unchanged", Side(text), Side(text)))
            run = 0

    for r in rows:
        if r.kind == "unchanged":
            run += 1
            continue
        flush()
        out.append(r)
    flush()
    return out


def _heading(v: PairView, lang: str) -> str:
    if v.status is AlignStatus.MATCHED:
        return f"{v.old} → {v.new} {v.new_title}"
    return t(f"table.heading_{v.status.value}", lang, id=v.new or v.old,
             title=v.new_title or v.old_title)


def table_rows(log: ChangeLog, opts: RenderOptions) -> list[TableRow]:
    """The rows of the table, in both documents' order (the preamble first)."""
    b = _Builder(log, opts)
    b.section(t("report.document", opts.lang), log.preamble)
    for v in interleaved(log):
        if v.status is not AlignStatus.MATCHED and not opts.full_text:
            b.direction(v)
        else:
            b.section(_heading(v, opts.lang), v.rows)
    return b.rows


# ---------------------------------------------------------------- DOCX


def _cell_paragraphs(s: Side | None, side: str) -> list[object]:
    if s is None:
        return [dx.paragraph([])]
    indent = 10.0 * s.depth
    if s.ops:
        runs = dx.marked_runs(s.ops, side)
    elif s.marked:
        runs = dx.marked_runs(((-1 if side == "old" else 1, s.text),), side)
    else:
        runs = [dx.run(s.text)]
    out = [dx.paragraph(runs, indent)]
    if s.source:
        out.append(dx.paragraph([dx.run(s.source, size=dx.EVIDENCE_SIZE,
                                        color=dx.EVIDENCE_COLOR)], indent))
    return out


def _row_xml(r: TableRow) -> object:
    if r.kind == "unchanged":
        grey = [dx.paragraph([dx.run(r.old.text if r.old else "", size=dx.EVIDENCE_SIZE,
                                     color=dx.EVIDENCE_COLOR)])]
        return dx.table_row([dx.cell(grey, WIDTHS[0]), dx.cell(grey, WIDTHS[1]),
                             dx.cell([dx.paragraph([])], WIDTHS[2])])
    if r.kind == "heading":
        return dx.table_row([dx.cell([dx.paragraph([dx.run(r.heading, bold=True)],
                                                   keep_next=True)],
                                     sum(WIDTHS), span=3, shade="F2F2F2")], keep=True)
    return dx.table_row([dx.cell(_cell_paragraphs(r.old, "old"), WIDTHS[0]),
                         dx.cell(_cell_paragraphs(r.new, "new"), WIDTHS[1]),
                         dx.cell([dx.paragraph([dx.run(r.note)])], WIDTHS[2])])


def render_table(log: ChangeLog, opts: RenderOptions) -> bytes:
    date = opts.revision_date(log.new.year)
    doc = Document()
    dx.set_east_asian_font(doc.styles["Normal"], "仿宋")
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    dx.declare_font_fallbacks(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(20))
    for text, bold in ((t("table.title", opts.lang), True),
                       (f"{t('old', opts.lang)}：{log.old.title}", False),
                       (f"{t('new', opts.lang)}：{log.new.title}", False)):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        dx.add_text(p, text, bold=bold)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    hdr = table.rows[0]
    dx.repeat_header(hdr)
    for cell, label, width in zip(hdr.cells, (t("old", opts.lang), t("new", opts.lang),
                                              t("table.note", opts.lang)), WIDTHS, strict=True):
        dx.add_text(cell.paragraphs[0], label, bold=True)
        cell.width = Mm(width)
    tbl = table._tbl
    rows = table_rows(log, opts)
    for r in rows:
        tbl.append(_row_xml(r))
    if opts.marks is not None:  # the reader's review marks, in a column of their own
        from .review import add_docx_column

        add_docx_column(table, [r.stated for r in rows], dict(opts.marks),
                        {c.id: phrase(c, opts.lang) for c in log.changes}, opts.lang)
    dx.add_page_number_footer(sec)
    dx.set_properties(doc, t("table.properties", opts.lang, title=log.new.title), date)
    return dx.save_deterministic(doc)
