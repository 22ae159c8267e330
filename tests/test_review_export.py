"""The 核对意见 column, in process on the real pair, for drawn sets of marks: the CSV holds each
mark on its change's row and nothing elsewhere; the 新旧对照表 gains one column at its right (the
page's width kept, headings spanning it), each mark on the row that states its change; without
marks both files are as before (no column)."""

from __future__ import annotations

import csv
import io

from docx import Document
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from guidediff.render import RenderOptions
from guidediff.render.csvlog import render_csv
from guidediff.render.review import STATUSES, Mark, mark_text
from guidediff.render.table import render_table, table_rows

notes = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
marks = st.builds(Mark, st.sampled_from(["", *STATUSES]), notes)


def _drawn(changelog, data) -> dict[str, Mark]:  # type: ignore[no-untyped-def]
    ids = [c.id for c in changelog.substantive()]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=12))
    return {i: data.draw(marks) for i in chosen}


@settings(max_examples=15, deadline=None, derandomize=True)
@given(data=st.data())
def test_the_csv_holds_each_mark_on_its_row(changelog, data) -> None:  # type: ignore[no-untyped-def]
    drawn = _drawn(changelog, data)
    for lang in ("zh", "en"):
        out = render_csv(changelog, RenderOptions(lang=lang, marks=tuple(drawn.items())))
        rows = list(csv.reader(io.StringIO(out.decode("utf-8-sig"))))
        assert rows[0][-1] == ("核对意见" if lang == "zh" else "review")
        got = {r[0]: r[-1] for r in rows[1:]}
        assert len(got) == len(changelog.changes)
        for cid, cell in got.items():
            want = mark_text(drawn[cid], lang) if cid in drawn else ""
            assert cell in (want, "'" + want)  # (a note that starts like a formula: quoted)


def _grid(docx: bytes) -> tuple[list[int], list[list[str]]]:
    table = Document(io.BytesIO(docx)).tables[0]
    widths = [int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    return widths, [[c.text for c in row.cells] for row in table.rows]


@settings(max_examples=8, deadline=None, derandomize=True)
@given(data=st.data())
def test_the_table_gains_one_column_holding_each_mark_on_its_row(changelog, data) -> None:  # type: ignore[no-untyped-def]
    drawn = {k: m for k, m in _drawn(changelog, data).items() if mark_text(m, "zh")}
    plain_widths, plain = _grid(render_table(changelog, RenderOptions()))
    widths, rows = _grid(render_table(changelog, RenderOptions(marks=tuple(drawn.items()))))
    assert len(widths) == len(plain_widths) + 1
    assert abs(sum(widths) - sum(plain_widths)) <= len(widths)  # the page's width kept
    assert len(rows) == len(plain) and rows[0][-1] == "核对意见"
    stated = [r.stated for r in table_rows(changelog, RenderOptions())]
    body = rows[len(rows) - len(stated):]
    for ids, row, before in zip(stated, body, plain[len(plain) - len(stated):], strict=True):
        assert row[:len(before)] == before or len(set(row)) == 1  # (a heading spans them all)
        for cid in ids:
            if cid in drawn:
                assert mark_text(drawn[cid], "zh") in row[-1]
        if not any(cid in drawn for cid in ids) and len(set(row)) > 1:
            assert row[-1] == ""


def test_without_marks_there_is_no_column(changelog) -> None:  # type: ignore[no-untyped-def]
    header = render_csv(changelog, RenderOptions()).decode("utf-8-sig").splitlines()[0]
    assert "核对意见" not in header
    assert "核对意见" not in "".join(_grid(render_table(changelog, RenderOptions()))[1][0])
