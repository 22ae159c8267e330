"""新旧对照表: the comparison table a drafting office expects, as DOCX.

One row per changed clause: 序号 | 原文 (old) | 修改后 (new) | 说明 (the change in words:
经费由2500万元调整为2000万元；新增联系人…). Every substantive event is stated once, on the row
of the clause it is in; changed words are struck out on the old side and underlined on the new
side (in bold, so the marks survive black-and-white printing); each side shows where it stands
in its document.
Format-only differences are neither marked nor labelled unless asked for (then 格式调整). A
dropped or added direction is one row unless the full text is asked for. Unchanged clauses are
omitted, abridged or shown. A4 landscape under a 2号 小标宋 title, page numbers, the header row
repeated on every page, column widths that the grid and the cells agree on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, Twips

from ..compare.events import Change, ChangeLog, ClauseRow, PairView
from ..compare.kinds import AlignStatus, Kind, RowStatus
from ..model import Source
from . import docxbase as base
from . import docxutil as dx
from .i18n import t
from .names import place, source_text, title_note
from .options import RenderOptions
from .order import interleaved
from .phrases import phrase

ABRIDGE = 24  # characters of an unchanged clause shown when abridged
CONTEXT = 16  # characters kept around each edit of a long changed clause
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
    kind: str  # heading | clause | direction | unchanged | unstated (review marks left over)
    old: Side | None = None
    new: Side | None = None
    note: str = ""
    stated: tuple[str, ...] = ()  # ids of the substantive events the note states
    heading: str = ""
    format_only: bool = False  # a row shown only because format-only changes were asked for


def note_text(changes: Iterable[Change], lang: str) -> str:
    """说明: changes in words, joined (经费由2500万元调整为2000万元；新增联系人…). The 对照表's 说明
    column and the tracked document's comments say a change this way, and only this way."""
    changes = tuple(changes)
    said = (phrase(c, lang, changes) for c in changes)
    return t("table.note_sep", lang).join(x for x in said if x)


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
        self.moved_depth: int | None = None  # the depth of the moved block being shown

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
        if r.status is not RowStatus.MOVED_FROM:
            self.moved_depth = None
        ids = [i for i in r.change_ids if i in self.by_id]
        new = [i for i in ids if not self.by_id[i].minor and i not in self.stated]
        said_before = any(not self.by_id[i].minor for i in ids) and not new
        if new:
            self.stated.update(new)
            note = note_text([self.by_id[i] for i in new], self.opts.lang)
            return TableRow("clause", self._side(r, "old", "marked"),
                            self._side(r, "new", "marked"), note, tuple(new))
        if said_before or (r.status in (RowStatus.REMOVED, RowStatus.ADDED) and not ids):
            # a clause inside one removed or added above: marked, stated once already
            return TableRow("clause", self._side(r, "old", "marked"),
                            self._side(r, "new", "marked"))
        if r.status is RowStatus.MOVED_FROM:
            inside = self.moved_depth is not None and r.depth > self.moved_depth
            if inside:  # a clause of the moved block: the block's top row says where it went
                return TableRow("clause", self._side(r, "old", "marked"), None)
            self.moved_depth = r.depth
            note = t("table.moved_to", self.opts.lang, where=place(r.location, self.opts.lang))
            return TableRow("clause", self._side(r, "old", "marked"), None, note)
        changed = r.old_text != r.new_text and r.old_text is not None and r.new_text is not None
        if changed and self.opts.show_format_only:
            neutral = [*(w for i in ids for w in self.by_id[i].neutral), *r.neutral]
            note = t("table.neutral", self.opts.lang, words=t("sep.list", self.opts.lang).join(
                dict.fromkeys(neutral))) if neutral else t("table.format_only", self.opts.lang)
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

TEXT_WIDTH_MM = 257.0  # A4 landscape less two 20 mm margins
HEADING_SHADE = "F2F2F2"


@dataclass(frozen=True)
class Column:
    """A column of the 对照表: its header (a key of the catalogue), its width (``fixed``: in mm;
    else a share of what the fixed ones leave), and what a row puts in its cell (paragraphs; a
    row's 序号 is given). One more column is one more entry of ``columns``."""

    header: str
    weight: float
    cell: Callable[[TableRow, int | None], list[object]]
    fixed: bool = False


def _side_paragraphs(s: Side | None, side: str) -> list[object]:
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


def _grey(text: str) -> list[object]:
    return [dx.paragraph([dx.run(text, size=dx.EVIDENCE_SIZE, color=dx.EVIDENCE_COLOR)])]


def _side_cell(side: str) -> Callable[[TableRow, int | None], list[object]]:
    def make(r: TableRow, number: int | None) -> list[object]:
        s = r.old if side == "old" else r.new
        if r.kind == "unchanged":  # （此处3条未作调整）, grey, on both sides
            return _grey(s.text if s else "")
        return _side_paragraphs(s, side)
    return make


def columns(opts: RenderOptions, log: ChangeLog | None = None) -> tuple[Column, ...]:
    """序号 | 原文 | 修改后 | 说明, and the reader's 核对意见 when review marks are given."""
    cols = (
        Column("table.number", 13,
               lambda r, n: [dx.paragraph([dx.run(str(n) if n else "")], center=True)],
               fixed=True),
        Column("old", 91, _side_cell("old")),
        Column("new", 91, _side_cell("new")),
        Column("table.note", 62, lambda r, n: [dx.paragraph([dx.run(r.note)])]),
    )
    if opts.marks is None or log is None:
        return cols
    return (*cols, _review_column(opts, log))


def _review_column(opts: RenderOptions, log: ChangeLog) -> Column:
    """核对意见: the marks on the changes a row states, review.COLUMN_MM wide (the text columns
    give up the room in proportion)."""
    from .review import COLUMN_MM, marks_text

    marks = dict(opts.marks or ())
    said = {c.id: phrase(c, opts.lang) for c in log.changes}

    def cell(r: TableRow, number: int | None) -> list[object]:
        lines = marks_text(r.stated, marks, said, opts.lang).split("\n")
        return [dx.paragraph([dx.run(x)] if x else []) for x in lines]

    return Column("review.column", COLUMN_MM, cell, fixed=True)


def _widths(cols: tuple[Column, ...]) -> list[int]:
    """Each column's width in twips: the fixed ones as given, the others sharing the rest."""
    room = TEXT_WIDTH_MM - sum(c.weight for c in cols if c.fixed)
    shares = sum(c.weight for c in cols if not c.fixed)
    return [dx.twips(c.weight if c.fixed else room * c.weight / shares) for c in cols]


def _row_xml(r: TableRow, number: int | None, cols: tuple[Column, ...],
             widths: list[int]) -> object:
    if r.kind == "heading":
        text = [dx.paragraph([dx.run(r.heading, bold=True, font=base.HEI)], keep_next=True)]
        return dx.table_row([dx.cell(text, sum(widths), span=len(cols), shade=HEADING_SHADE)],
                            keep=True)
    return dx.table_row([dx.cell(c.cell(r, number), w)
                         for c, w in zip(cols, widths, strict=True)])


def _numbered(rows: list[TableRow]) -> list[tuple[TableRow, int | None]]:
    """序号: each row that shows a clause or a direction, counted from 1."""
    out: list[tuple[TableRow, int | None]] = []
    n = 0
    for r in rows:
        if r.kind in ("clause", "direction"):
            n += 1
            out.append((r, n))
        else:
            out.append((r, None))
    return out


def _title(doc: object, log: ChangeLog, lang: str) -> None:
    title = doc.add_paragraph(style="Title")  # type: ignore[attr-defined]
    dx.add_text(title, t("table.title", lang))
    for text in (f"{t('old', lang)}：{log.old.title}{title_note(log.old, lang)}",
                 f"{t('new', lang)}：{log.new.title}{title_note(log.new, lang)}"):
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        dx.add_text(p, text)
    doc.add_paragraph()  # type: ignore[attr-defined]


def _table(doc: object, rows: list[TableRow], cols: tuple[Column, ...],
           opts: RenderOptions, known: set[str]) -> None:
    """The table: a grid whose columns are exactly its cells' widths, fixed, centred, with its
    header row repeated on every page."""
    widths = _widths(cols)
    table = doc.add_table(rows=0, cols=len(cols))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, w in zip(table.columns, widths, strict=True):
        column.width = Twips(w)
    header = [dx.cell([dx.paragraph([dx.run(t(c.header, opts.lang), bold=True, font=base.HEI)],
                                    center=True)], w) for c, w in zip(cols, widths, strict=True)]
    tbl = table._tbl
    tbl.append(dx.table_row(header, header=True, keep=True))
    for r, number in _numbered(rows):
        tbl.append(_row_xml(r, number, cols, widths))
    left = _unstated_marks(rows, opts, known)
    if left:  # marks on changes no row states: a last row
        tbl.append(_row_xml(TableRow("unstated", stated=left), None, cols, widths))


def _unstated_marks(rows: list[TableRow], opts: RenderOptions, known: set[str]
                    ) -> tuple[str, ...]:
    stated = {i for r in rows for i in r.stated}
    return tuple(i for i, _ in opts.marks or () if i in known and i not in stated)


def render_table(log: ChangeLog, opts: RenderOptions) -> bytes:
    date = opts.revision_date(log.new.year)
    doc = base.new_document()
    normal = doc.styles["Normal"]
    base.style_font(normal, base.FANGSONG, 10.5)  # 五号
    normal.paragraph_format.space_after = Pt(0)
    base.style_font(doc.styles["Title"], base.TITLE_FONT, 22)  # 2号小标宋
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Title"].paragraph_format.space_after = Pt(6)
    sec = doc.sections[0]
    base.a4(sec, landscape=True, top=20, bottom=20, left=20, right=20)
    _title(doc, log, opts.lang)
    _table(doc, table_rows(log, opts), columns(opts, log), opts, {c.id for c in log.changes})
    dx.add_page_number_footer(sec)
    title = t("table.properties", opts.lang, title=log.new.title)
    base.set_properties(doc, title, base.pair_subject(log, opts.lang), opts.author, date)
    return base.finish(doc)
