"""PDF, DOCX and HTML inputs normalize to the same directions and typed values as the texts."""

from __future__ import annotations

import html
import io
from pathlib import Path

import pytest
from docx import Document

from guidediff.errors import InputError
from guidediff.model import Guideline
from guidediff.normalize.clean import clean
from guidediff.normalize.pipeline import Normalized, normalize_file
from guidediff.read.detect import detect
from guidediff.read.docx import Numbering, format_number

from .conftest import RAW, RAW_2022
from .fixtures import docx_from_text


def _paragraphs(n: Normalized) -> list[str]:
    """The printed paragraphs of a document (what a Word draft or a web page holds)."""
    return [p.text for p in clean(n.raw).paragraphs]


def _typed(g: Guideline) -> list[tuple[str, list[object]]]:
    return [(d.id, [v for b in d.blocks() for v in b.values()]) for d in g.directions]


@pytest.fixture(scope="module", params=["2021", "2022"])
def converted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[str, Path]:
    out = tmp_path_factory.mktemp(f"fmt{request.param}")
    return request.param, docx_from_text(RAW[request.param], out / f"{request.param}.docx")


def test_docx_gives_the_same_directions_and_values(converted: tuple[str, Path]) -> None:
    year, docx = converted
    base = normalize_file(RAW[year])
    n = normalize_file(docx)
    assert n.raw.encoding == "docx"
    assert _typed(n.guideline) == _typed(base.guideline)
    n.check()


def test_pdf_gives_the_same_directions_and_values(converted: tuple[str, Path],  # type: ignore[no-untyped-def]
                                                  office) -> None:
    year, docx = converted
    pdf = docx.with_suffix(".pdf")
    office.convert(docx, pdf, "pdf")
    base = normalize_file(RAW[year])
    n = normalize_file(pdf)
    assert n.raw.encoding == "pdf"
    assert _typed(n.guideline) == _typed(base.guideline)
    n.check()
    pages = [d.source.page for d in n.guideline.directions]
    assert all(isinstance(p, int) for p in pages) and pages == sorted(pages)
    # one printed page of the text is one PDF page: 1.1 starts on the same page, counted
    # from the first page of the file
    first_txt = base.guideline.directions[0].source.page
    first_page = base.raw.lines[0].page
    assert pages[0] == first_txt - first_page + 1


def test_format_is_decided_by_content_not_extension(converted: tuple[str, Path],
                                                    tmp_path: Path) -> None:
    _, docx = converted
    disguised = tmp_path / "guideline.txt"
    disguised.write_bytes(docx.read_bytes())
    assert normalize_file(disguised).raw.encoding == "docx"
    plain = tmp_path / "guideline.pdf"
    plain.write_bytes(RAW_2022.read_bytes())
    assert normalize_file(plain).raw.encoding == "utf-8"


def test_real_word_paragraphs(tmp_path: Path, norm2022: Normalized) -> None:
    """A Word draft has one paragraph per clause, not per printed line."""
    doc = Document()
    for p in _paragraphs(norm2022):
        doc.add_paragraph(p)
    path = tmp_path / "draft.docx"
    doc.save(str(path))
    n = normalize_file(path)
    assert all(ln.hard_break for ln in n.raw.lines)
    assert [d.id for d in n.guideline.directions] == [d.id for d in
                                                      norm2022.guideline.directions]
    assert _typed(n.guideline) == _typed(norm2022.guideline)


def test_tracked_changes_are_read_as_current_text(reports: dict[str, Path],
                                                  norm2022: Normalized) -> None:
    n = normalize_file(reports["tracked.docx"])
    assert n.raw.warnings and "tracked changes" in n.raw.warnings[0]
    assert _typed(n.guideline) == _typed(norm2022.guideline)


def test_word_numbering_is_rendered(tmp_path: Path) -> None:
    doc = Document()
    for t in ("智慧城市；", "生产技术；", "先进材料。"):
        doc.add_paragraph(t, style="List Number")
    path = tmp_path / "num.docx"
    doc.save(str(path))
    from guidediff.read.docx import read_docx
    texts = [ln.text for ln in read_docx(path.read_bytes(), path).lines]
    assert texts == ["1.智慧城市；", "2.生产技术；", "3.先进材料。"]


def test_chinese_numbering_formats() -> None:
    from lxml import etree
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = f"""<w:numbering xmlns:w="{w}">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
          <w:lvlText w:val="（%1）"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%2."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""
    num = Numbering.parse(etree.fromstring(xml))
    labels = [num.label("5", 0), num.label("5", 1), num.label("5", 1), num.label("5", 0),
              num.label("5", 1)]
    assert labels == ["（一）", "1.", "2.", "（二）", "1."]
    assert [format_number(n, "chineseCounting") for n in (10, 11, 20, 23)] == [
        "十", "十一", "二十", "二十三"]


def _page(body: str) -> bytes:
    return (f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>科技部</title>
<script>var x = "1.1 中国和假国政府间合作项目";</script><style>p {{}}</style></head>
<body><div class="nav"><a href="/">首页</a> 通知公告</div>
<div class="breadcrumb">首页 &gt; 通知</div>
<div class="main"><div class="TRS_Editor">{body}</div></div>
<div id="footer">版权所有：中华人民共和国科学技术部 2.5 联系我们</div></body></html>""").encode()


def test_html_article_body(tmp_path: Path, norm2022: Normalized) -> None:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(norm2022))
    path = tmp_path / "page.html"
    path.write_bytes(_page(body))
    n = normalize_file(path)
    assert n.raw.encoding == "html"
    text = "".join(ln.text for ln in n.raw.lines)
    assert "首页" not in text and "版权所有" not in text and "var x" not in text
    assert _typed(n.guideline) == _typed(norm2022.guideline)


def test_html_with_line_breaks(tmp_path: Path, norm2022: Normalized) -> None:
    lines = [ln.text.strip() for ln in norm2022.raw.lines if ln.text.strip()
             and not ln.text.strip().startswith(("http", "mailto"))]
    path = tmp_path / "lines.html"
    path.write_bytes(_page("<p>" + "<br>".join(lines) + "</p>"))
    n = normalize_file(path)
    assert [d.id for d in n.guideline.directions] == [d.id for d in
                                                      norm2022.guideline.directions]


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    buf = io.BytesIO()
    pdf.save(buf)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="without a text layer"):
        normalize_file(path)


@pytest.mark.parametrize(("data", "kind"), [
    (b"%PDF-1.7", "pdf"), (b"<!DOCTYPE html><html>", "html"), (b"<?xml version='1.0'?>", "xml"),
    ("1.1 中国和西班牙".encode(), "text")])
def test_detect(data: bytes, kind: str) -> None:
    assert detect(data, "x") == kind
