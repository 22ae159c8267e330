"""No invented title: a document that prints no title line (the 2022 final opens with its
preamble) is named from the sentence that names it, and every report says so; none presents
that name as a title the document prints.

The family: each real document with and without a title block (the 2021 draft's taken out, one
put before the 2022 final's preamble), compared in every combination.
"""

from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from lxml import html

from guidediff.compare.diff import diff
from guidediff.model import Guideline
from guidediff.normalize.pipeline import normalize_file
from guidediff.render import FORMATS, RenderOptions

from .conftest import RAW
from .readback import tracked_texts

NOTE = "文件未印标题行"
TITLE_2022 = ["“政府间国际科技创新合作”重点专项", "", "2022年度第一批项目申报指南", ""]


def _variant(year: str, titled: bool, folder: Path) -> Path:
    """A real document with its title block (``titled``) or without it."""
    lines = RAW[year].read_text(encoding="utf-8").split("\n")
    if year == "2021" and not titled:  # its lines 1–7: 附件, the title and （征求意见稿）
        assert "申报指南" in lines[4] and "征求意见稿" in lines[6]
        lines = [""] * 7 + lines[7:]
    elif year == "2022" and titled:
        lines = TITLE_2022 + lines
    path = folder / f"{year}-{'titled' if titled else 'untitled'}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _check(old: Guideline, new: Guideline, old_titled: bool, new_titled: bool) -> None:
    log = diff(old, new)
    opts = RenderOptions()
    both = old_titled and new_titled
    assert (log.old.title_line, log.new.title_line) == (old_titled, new_titled)
    for doc, g, titled in ((log.old, old, old_titled), (log.new, new, new_titled)):
        assert doc.title_source is not None
        if not titled:  # the name is read from the sentence that names the guideline
            named = [b for b in g.front if doc.title in b.text]
            assert [b.source for b in named][:1] == [doc.title_source]

    # the document's own parts compare titles only where both print one
    assert any(r.location.is_title for r in log.preamble) == both
    title_events = [c for c in log.changes if c.location.is_title and c.old_direction is None
                    and c.new_direction is None]
    assert not title_events or both

    # HTML: the header says which document prints no title line, and where its name is from
    page = html.fromstring(FORMATS["html"](log, opts).decode("utf-8"))
    docs = page.xpath("//p[@class='docs']")[0].text_content().split("\n")
    assert [NOTE in line for line in docs] == [not old_titled, not new_titled]
    if not new_titled:
        src = log.new.title_source
        assert src is not None and f"第{src.line}–{src.end_line}行" in docs[1]

    # 对照表: the same under its title; no 标题 row unless both print one
    table = Document(BytesIO(FORMATS["table"](log, opts)))
    heads = [p.text for p in table.paragraphs[1:3]]
    assert [NOTE in h for h in heads] == [not old_titled, not new_titled]
    notes = [row.cells[3].text for row in table.tables[0].rows[1:]]
    assert any(n.startswith("标题") for n in notes) == (both and log.old.title != log.new.title)

    # tracked DOCX: the first paragraph is a title only where a document prints one
    first_new, first_old = tracked_texts(FORMATS["docx"](log, opts))[0]
    assert (first_new == log.new.title) == new_titled
    assert (first_old == log.old.title) == old_titled

    # memo and JSON
    memo = FORMATS["memo.md"](log, opts).decode("utf-8")
    assert ("\n标题" in memo) == (both and log.old.title != log.new.title)
    data = json.loads(FORMATS["json"](log, opts))
    assert (data["old"]["title_line"], data["new"]["title_line"]) == (old_titled, new_titled)


def test_the_real_pair_names_the_2022_final_without_a_title() -> None:
    old, new = normalize_file(RAW["2021"]).guideline, normalize_file(RAW["2022"]).guideline
    _check(old, new, True, False)
    log = diff(old, new)
    assert log.new.title == "“政府间国际科技创新合作”重点专项2022年度第一批项目申报指南"
    src = log.new.title_source
    assert src is not None and (src.page, src.line, src.end_line) == (2, 21, 27)


@pytest.mark.parametrize("old_titled", [True, False])
@pytest.mark.parametrize("new_titled", [True, False])
@pytest.mark.parametrize("old_year, new_year", [("2021", "2022"), ("2022", "2021")])
def test_documents_with_and_without_a_title_line(old_year: str, new_year: str,
                                                 old_titled: bool, new_titled: bool,
                                                 tmp_path: Path) -> None:
    old = _variant(old_year, old_titled, tmp_path)
    new = _variant(new_year, new_titled, tmp_path)
    _check(normalize_file(old).guideline, normalize_file(new).guideline, old_titled, new_titled)
