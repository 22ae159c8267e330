"""Review marks: what a reader decided about each change (已核对 or 有疑问, and a note), as the
web page keeps them; written into a 核对意见 column of the 新旧对照表 and of the CSV, beside the
changes they are about. Renderers only read them (like the events)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

STATUSES = {"checked": ("已核对", "checked"), "query": ("有疑问", "query")}
COLUMN = ("核对意见", "review")
MAX_NOTE = 2000  # characters of one note
COLUMN_MM = 40.0  # the 对照表's 核对意见 column (the others give up the room in proportion)
SHORT = 16  # characters of a change's wording that name it beside its mark


@dataclass(frozen=True)
class Mark:
    status: str = ""  # checked | query | "" (a note alone)
    note: str = ""


@dataclass(frozen=True)
class Review:
    """The HTML report's review pane: marks kept in the browser under ``key`` (the comparison's
    id), exported by posting them to ``action`` + a file name (table.docx, changes.csv)."""

    key: str
    action: str


def column(lang: str) -> str:
    return COLUMN[0] if lang == "zh" else COLUMN[1]


def mark_text(m: Mark, lang: str) -> str:
    """已核对；note — or the status alone, or the note alone."""
    status = STATUSES[m.status][0 if lang == "zh" else 1] if m.status in STATUSES else ""
    sep = "：" if lang == "zh" else ": "
    return sep.join(x for x in (status, m.note.strip()) if x)


def _short(text: str) -> str:
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"


def marks_text(ids: Iterable[str], marks: Mapping[str, Mark], said: Mapping[str, str],
               lang: str) -> str:
    """The 核对意见 of a row stating the changes ``ids``; each named by the start of what the
    row says of it (``said``) when the row states more than one."""
    ids = [i for i in ids if i in marks and mark_text(marks[i], lang)]
    if len(ids) == 1:
        return mark_text(marks[ids[0]], lang)
    return "\n".join(
        f"（{_short(said[i])}）{mark_text(marks[i], lang)}" for i in ids)


def add_docx_column(table: Any, stated: list[tuple[str, ...]], marks: Mapping[str, Mark],
                    said: Mapping[str, str], lang: str) -> None:
    """A 核对意见 column at the right of a python-docx table whose last ``len(stated)`` rows
    state those changes (the rows above are its header): the other columns give up its width in
    proportion; a row of one spanning cell (a heading) spans it too. Marks on changes no row
    states go in a last row."""
    from docx.oxml.ns import qn

    from . import docxutil as dx

    tbl = table._tbl
    grid = tbl.tblGrid.findall(qn("w:gridCol"))
    total = sum(int(g.get(qn("w:w"))) for g in grid)
    extra = int(COLUMN_MM * 56.7)
    scale = (total - extra) / total
    for g in grid:
        g.set(qn("w:w"), str(int(int(g.get(qn("w:w"))) * scale)))
    for w in tbl.iter(qn("w:tcW")):
        if w.get(qn("w:type")) == "dxa":
            w.set(qn("w:w"), str(int(int(w.get(qn("w:w"))) * scale)))
    col = tbl.tblGrid.makeelement(qn("w:gridCol"), {qn("w:w"): str(extra)})
    tbl.tblGrid.append(col)
    stated_ids = {i for ids in stated for i in ids}
    left = [i for i in marks if i in said and i not in stated_ids]
    if left:
        empty = [dx.cell([dx.paragraph([])], 0) for _ in grid]
        tbl.append(dx.table_row(empty))
        stated = [*stated, tuple(left)]
    trs = tbl.findall(qn("w:tr"))
    head, body = trs[:len(trs) - len(stated)], trs[len(trs) - len(stated):]
    for tr in head:
        tr.append(dx.cell([dx.paragraph([dx.run(column(lang), bold=True)])], COLUMN_MM))
    for tr, ids in zip(body, stated, strict=True):
        cells = tr.findall(qn("w:tc"))
        span = cells[-1].find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") if len(cells) == 1 else None
        if span is not None:  # a heading across the table: across this column too
            span.set(qn("w:val"), str(int(span.get(qn("w:val"))) + 1))
            continue
        lines = marks_text(ids, marks, said, lang).split("\n")
        tr.append(dx.cell([dx.paragraph([dx.run(x)] if x else []) for x in lines], COLUMN_MM))
