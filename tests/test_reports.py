"""Reports read from the change events, checked without external programs."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree, html

from guidediff.compare.diff import diff
from guidediff.compare.events import ChangeLog
from guidediff.normalize.pipeline import normalize_file
from guidediff.render import REPORT_FILES, RenderOptions
from guidediff.render.phrases import phrase

from .conftest import RAW_2022, changes_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def test_every_format_is_written(reports: dict[str, Path]) -> None:
    expected = {suffix for files in REPORT_FILES.values() for suffix, _ in files}
    assert set(reports) == expected


def test_reports_are_byte_identical_when_rerun(changelog: ChangeLog) -> None:
    for files in REPORT_FILES.values():
        for _, fn in files:
            assert fn(changelog, RenderOptions()) == fn(changelog, RenderOptions())


def test_html_is_self_contained(reports: dict[str, Path]) -> None:
    text = reports["report.html"].read_text(encoding="utf-8")
    doc = html.fromstring(text)
    assert not doc.xpath("//script[@src] | //link | //img | //iframe | //object")
    for href in doc.xpath("//@href"):
        assert href.startswith("#"), href
    assert "url(" not in text and "@import" not in text
    assert not re.search(r"""(src|href)=["']https?:""", text)


def test_html_summary_content(reports: dict[str, Path], changelog: ChangeLog) -> None:
    doc = html.fromstring(reports["report.html"].read_text(encoding="utf-8"))
    budgets = [" ".join(tr.itertext()) for tr in doc.xpath("//table[@class='budgets']//tr")]
    for c in changes_of(changelog, "budget_changed"):  # a row for each, with both figures
        assert any(f"{c.old_direction} → {c.new_direction}" in b for b in budgets), c
    heads = [" ".join(h.itertext()) for h in doc.xpath("//article/h3")]
    for r in changelog.alignment:
        if r.status == "matched":
            assert any(f"{r.old} → " in h and f" {r.new} {r.new_title}" in h for h in heads), r
    # the document's own parts, then every direction of either side
    assert len(doc.xpath("//article")) == 1 + len(changelog.alignment)
    assert doc.xpath("//article")[0].get("id") == "preamble"
    assert len(doc.xpath("//nav//li")) == 2 + len(changelog.alignment)


def test_html_english_labels(changelog: ChangeLog) -> None:
    from guidediff.render.html import render_html
    text = render_html(changelog, RenderOptions(lang="en")).decode("utf-8")
    assert "Guideline change report" in text and "budget changed" in text
    assert '<html lang="en">' in text


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    text = RAW_2022.read_text(encoding="utf-8").replace(
        "（5）鼓励青年和女性研究人员参与。",
        "（5）鼓励青年和女性研究人员参与<script>alert('x')</script> & \"{{ 7*7 }}\"。")
    p = tmp_path / "hostile.txt"
    p.write_text(text, encoding="utf-8")
    log = diff(normalize_file(RAW_2022).guideline, normalize_file(p).guideline)
    from guidediff.render.html import render_html
    out = render_html(log, RenderOptions()).decode("utf-8")
    assert "<script>alert" not in out
    assert "&lt;script&gt;alert" in out and "{{ 7*7 }}" in out and "49" not in out.split(
        "7*7")[1][:10]
    from guidediff.render.docx_tracked import render_docx
    d = tmp_path / "h.docx"
    d.write_bytes(render_docx(log, RenderOptions()))
    body = "".join(_document_xml(d).itertext())
    assert "<script>alert('x')</script>" in body  # as text, not markup


def test_docx_has_real_revisions(reports: dict[str, Path]) -> None:
    root = _document_xml(reports["tracked.docx"])
    marks = list(root.iter(f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo"))
    assert len(marks) > 100
    assert {m.get(f"{W}author") for m in marks} == {"guidediff"}
    assert {m.get(f"{W}date")[:10] for m in marks} == {"2022-01-01"}
    assert len({m.get(f"{W}id") for m in marks}) == len(marks)
    moves = {m.get(f"{W}name") for m in root.iter(f"{W}moveFromRangeStart")}
    assert moves == {m.get(f"{W}name") for m in root.iter(f"{W}moveToRangeStart")}
    assert len(moves) >= 5  # the directions whose order changed, and moved clauses
    marked = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}rPr/{W}del") is not None]
    assert len(marked) > 100  # the paragraph marks of the dropped directions


def test_docx_date_option(changelog: ChangeLog, tmp_path: Path) -> None:
    from guidediff.render.docx_tracked import render_docx
    p = tmp_path / "d.docx"
    p.write_bytes(render_docx(changelog, RenderOptions(date="2022-03-15")))
    dates = {m.get(f"{W}date") for m in _document_xml(p).iter(f"{W}ins")}
    assert dates <= {"2022-03-15T00:00:00Z", "2022-03-15T00:02:00Z"}
    assert "2022-03-15T00:00:00Z" in dates
    assert Document(str(p)).core_properties.created.year == 2022


def test_docx_zip_is_stable(reports: dict[str, Path]) -> None:
    with zipfile.ZipFile(reports["tracked.docx"]) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_table_layout(reports: dict[str, Path], changelog: ChangeLog) -> None:
    doc = Document(str(reports["table.docx"]))
    sec = doc.sections[0]
    assert sec.page_width > sec.page_height  # landscape
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["序号", "原文", "修改后", "说明"]
    root = _document_xml(reports["table.docx"])
    assert root.find(f".//{W}tblHeader") is not None
    notes = [r.cells[-1].text for r in table.rows]
    for c in changes_of(changelog, "budget_changed"):  # each stated on one row, once
        assert sum(phrase(c) in n for n in notes) == 1, phrase(c)
    numbers = [r.cells[0].text for r in table.rows[1:] if r.cells[0].text.isdigit()]
    assert numbers == [str(k) for k in range(1, len(numbers) + 1)]  # 序号


def test_table_marks_changed_words(reports: dict[str, Path], changelog: ChangeLog) -> None:
    root = _document_xml(reports["table.docx"])
    struck = ["".join(r.itertext()) for r in root.iter(f"{W}r")
              if r.find(f"{W}rPr/{W}strike") is not None]
    underlined = ["".join(r.itertext()) for r in root.iter(f"{W}r")
                  if r.find(f"{W}rPr/{W}u") is not None]
    for c in changes_of(changelog, "budget_changed"):  # the figures that changed, marked
        assert {t for op, t in c.diff if op < 0 and "万元" in t} <= set(struck), c.diff
        assert {t for op, t in c.diff if op > 0 and "万元" in t} <= set(underlined), c.diff


def test_table_unchanged_option(changelog: ChangeLog, tmp_path: Path) -> None:
    from guidediff.render.table import render_table
    sizes = {}
    for mode in ("show", "abridge", "omit"):
        p = tmp_path / f"{mode}.docx"
        p.write_bytes(render_table(changelog, RenderOptions(unchanged=mode)))
        sizes[mode] = len(Document(str(p)).tables[0].rows)
    assert sizes["omit"] < sizes["abridge"] < sizes["show"]  # abridged: runs collapsed


def test_memo_sentences(reports: dict[str, Path], changelog: ChangeLog) -> None:
    """The memo states every budget and quota change in the words of its phrase, and counts
    the directions added and dropped (its whole text is the case's: tests/data/real-pair)."""
    md = reports["memo.md"].read_text(encoding="utf-8")
    for c in changes_of(changelog, "budget_changed") + changes_of(changelog,
                                                                  "project_count_changed"):
        assert phrase(c) in md, phrase(c)
    statuses = [r.status for r in changelog.alignment]
    assert f"新增方向{statuses.count('added')}个" in md
    assert f"删除方向{statuses.count('dropped')}个" in md
    assert "新增联系人Carlos Quintana（电话：+34 91 5810489，邮箱：china@cdti.es）" in md
    doc = Document(str(reports["memo.docx"]))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0].startswith("关于") and "一、总体情况" in texts


def test_memo_fonts_follow_gbt9704(reports: dict[str, Path]) -> None:
    doc = Document(str(reports["memo.docx"]))
    fonts = doc.styles["Normal"].element.rPr.rFonts
    assert fonts.get(f"{W}eastAsia") == "仿宋_GB2312"
    assert doc.styles["Heading 1"].element.rPr.rFonts.get(f"{W}eastAsia") == "黑体"
    assert doc.styles["Title"].element.rPr.rFonts.get(f"{W}eastAsia") == "方正小标宋简体"
    with zipfile.ZipFile(reports["memo.docx"]) as z:
        table = etree.fromstring(z.read("word/fontTable.xml"))
    alt = {f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val")
           for f in table.iter(f"{W}font") if f.find(f"{W}altName") is not None}
    # where a font is missing, Word looks for the one of its design that Windows ships
    assert alt["仿宋_GB2312"] == "仿宋" and alt["黑体"] == "SimHei"
    charsets = {f.get(f"{W}name"): f.find(f"{W}charset").get(f"{W}val")
                for f in table.iter(f"{W}font")}
    assert charsets["仿宋_GB2312"] == charsets["方正小标宋简体"] == "86"  # GB2312


def test_csv_has_bom_and_one_row_per_event(reports: dict[str, Path],
                                           changelog: ChangeLog) -> None:
    data = reports["changes.csv"].read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(changelog.changes) + 1
    from guidediff.render.csvlog import COLUMNS
    assert tuple(rows[0]) == COLUMNS["zh"]


@pytest.mark.parametrize("fmt", ["docx", "table"])
def test_diff_refuses_binary_to_terminal(fmt: str) -> None:
    from click.testing import CliRunner

    from guidediff.cli import cli

    from .conftest import RAW_2021
    r = CliRunner().invoke(cli, ["diff", str(RAW_2021), str(RAW_2022), "-f", fmt])
    assert r.exit_code == 2 and "-o FILE" in r.output


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_format_speaks_its_language(changelog: ChangeLog, norm2021, norm2022,  # type: ignore[no-untyped-def]
                                          lang: str) -> None:
    """An English report holds no Chinese of its own (quotes of the documents aside), and a
    Chinese one no English words of its own (names, addresses and quotes aside)."""
    from .readback import body_text, foreign

    documents = body_text(norm2021) + "\n" + body_text(norm2022)
    opts = RenderOptions(lang=lang)
    for files in REPORT_FILES.values():
        for name, fn in files:
            if name.endswith(".json"):  # the contract's own keys and evidence: not for readers
                continue
            data = fn(changelog, opts)
            assert data
            assert foreign(name, data, lang, documents) == [], (lang, name)
    if lang == "en":
        from guidediff.render.memo import render_memo_md

        assert render_memo_md(changelog, opts).decode("utf-8").startswith("# Changes in")
