"""DOCX reports read back by independent programs: pandoc (tracked changes accepted or rejected)
and LibreOffice (converted to PDF)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from guidediff.compare.clauses import field_text
from guidediff.normalize import facts
from guidediff.normalize.conserve import fold
from guidediff.normalize.pipeline import Normalized

from .conftest import require_tool


def _pandoc_sections(path: Path, mode: str) -> dict[str, str]:
    """The text pandoc reads with all changes accepted or rejected, cut at each direction
    heading; what precedes the first one is the preamble ("")."""
    pandoc = require_tool("pandoc")
    out = subprocess.run([pandoc, f"--track-changes={mode}", "-t", "plain", "-s", "--wrap=none",
                          str(path)], capture_output=True, text=True, check=True).stdout
    sections: dict[str, str] = {"": ""}
    current = ""
    for line in out.splitlines():
        m = re.match(r"^(\d{1,2}\.\d{1,2}) \S", line)
        if m:
            current = m.group(1)
            sections[current] = ""
        sections[current] += line
    return {k: fold(v) for k, v in sections.items()}


def _expected(norm: Normalized) -> dict[str, str]:
    from guidediff.compare.preamble import title_printed
    from guidediff.normalize.parse import title_block

    g = norm.guideline
    front = [b.text for b in g.front]
    # the title, where the document prints one (the 2022 final prints none: its name is read
    # from a sentence of its preamble, and the tracked DOCX gives it no title of its own)
    title = [g.meta.title] if title_printed(g) else []
    preamble = [*title, *front[title_block(front):]]
    for part in g.parts:
        if part.heading is not None:
            preamble.append(part.heading.text)
        preamble.extend(b.text for b in part.paras)
    out = {"": fold("".join(preamble))}
    for d in norm.guideline.directions:
        text = f"{d.id} {facts.title_text(d)}" + "".join(field_text(f) for f in d.fields)
        out[d.id] = fold(text)
    return out


def test_accept_all_gives_the_new_text(reports: dict[str, Path], norm2022: Normalized) -> None:
    assert _pandoc_sections(reports["tracked.docx"], "accept") == _expected(norm2022)


def test_reject_all_gives_the_old_text(reports: dict[str, Path], norm2021: Normalized) -> None:
    assert _pandoc_sections(reports["tracked.docx"], "reject") == _expected(norm2021)


@pytest.mark.parametrize("name", ["tracked.docx", "table.docx", "memo.docx"])
def test_libreoffice_converts_to_pdf(office, reports: dict[str, Path], name: str,  # type: ignore[no-untyped-def]
                                     tmp_path: Path) -> None:
    pdf = tmp_path / (reports[name].stem + ".pdf")
    office.convert(reports[name], pdf, "pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_docx_lines_are_paragraphs_and_pages_count_rendered_breaks(tmp_path: Path) -> None:
    """A DOCX's line is its paragraph; a page begins at an explicit break or where Word last
    rendered one, and the two at one place are one page."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml import OxmlElement

    from guidediff.read.docx import read_docx

    doc = Document()
    doc.add_paragraph("第一段。")
    p = doc.add_paragraph("第二段，")
    p.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))  # mid-paragraph: page 2
    p.add_run("在下一页结束。")
    doc.add_paragraph("第三段。").add_run().add_break(WD_BREAK.PAGE)  # explicit: page 3 …
    q = doc.add_paragraph()
    q.add_run()._r.append(OxmlElement("w:lastRenderedPageBreak"))  # … rendered there too
    q.add_run("第四段。")
    line = doc.add_paragraph("第五段第一行")
    line.add_run().add_break()  # a line break: one paragraph, two lines
    line.add_run("第五段第二行。")
    path = tmp_path / "pages.docx"
    doc.save(str(path))
    lines = read_docx(path.read_bytes(), path).lines
    assert [(ln.number, ln.text, ln.page) for ln in lines] == [
        (1, "第一段。", 1), (2, "第二段，在下一页结束。", 1), (3, "第三段。", 2),
        (4, "第四段。", 3), (5, "第五段第一行", 3), (5, "第五段第二行。", 3)]
    assert [ln.page_start for ln in lines] == [False, False, False, True, False, False]


def test_docx_without_recorded_pages_names_no_page(tmp_path: Path) -> None:
    """A DOCX that records no page break (LibreOffice and WPS save none) has no known pages:
    none is named, not 第1页 for all. Paragraphs are numbered as a reader counts them, the
    ones that show text (an empty one does not count)."""
    from docx import Document

    from guidediff.read.docx import read_docx

    doc = Document()
    for text in ("第一段。", "", "第二段。", "   ", "", "第三段。"):
        doc.add_paragraph(text)
    path = tmp_path / "no-pages.docx"
    doc.save(str(path))
    lines = read_docx(path.read_bytes(), path).lines
    assert [(ln.number, ln.text.strip(), ln.page) for ln in lines if ln.text.strip()] == [
        (1, "第一段。", None), (2, "第二段。", None), (3, "第三段。", None)]


@pytest.fixture(scope="module")
def libreoffice_pair(office, tmp_path_factory: pytest.TempPathFactory  # type: ignore[no-untyped-def]
                     ) -> tuple[Path, Path]:
    """Both real documents opened in LibreOffice and saved as DOCX (a paragraph per line)."""
    from .conftest import RAW_2021, RAW_2022

    out = tmp_path_factory.mktemp("lo-pair")
    paths = []
    for raw in (RAW_2021, RAW_2022):
        docx = out / (raw.stem + ".docx")
        office.convert(raw, docx, "docx")
        paths.append(docx)
    return paths[0], paths[1]


def test_docx_evidence_is_the_paragraph_a_reader_finds(libreoffice_pair: tuple[Path, Path]
                                                       ) -> None:
    """The real pair as LibreOffice saves it: no location names a page (none is recorded),
    each names the paragraph a reader counts to, beside its direction and clause."""
    import zipfile

    from guidediff.compare.diff import diff
    from guidediff.normalize.pipeline import normalize_file
    from guidediff.render import RenderOptions
    from guidediff.render.text import render_text

    old, new = libreoffice_pair
    for docx in (old, new):
        with zipfile.ZipFile(docx) as z:
            body = z.read("word/document.xml")
        assert b"lastRenderedPageBreak" not in body and b'w:type="page"' not in body
    a, b = normalize_file(old), normalize_file(new)
    log = diff(a.guideline, b.guideline)
    sources = [s for c in log.changes for s in (c.old_source, c.new_source) if s is not None]
    assert sources and all(s.page is None for s in sources)
    def shown(n: Normalized) -> int:  # the paragraphs that show text
        return len({ln.number for ln in n.raw.lines if ln.text.strip()})

    assert max(s.end_line for c in log.changes for s in [c.old_source] if s) <= shown(a)
    assert max(s.end_line for c in log.changes for s in [c.new_source] if s) <= shown(b)
    text = render_text(log, RenderOptions()).decode("utf-8")
    assert "页" not in "".join(re.findall(r"（原文[^）]*）|（修改后[^）]*）", text))
    assert "[3.5 → 1.6] 名称由“中国和德国政府间电动汽车科技合作项目”调整为“中国和德国政府间科技合作项目”（原文 第" \
        in text and "段，修改后 第" in text


def test_a_one_line_title_stays_apart_from_the_first_paragraph(office, tmp_path: Path  # type: ignore[no-untyped-def]
                                                               ) -> None:
    """A text whose title is one line, and LibreOffice's DOCX of it (a paragraph per line):
    the title is a paragraph of its own, not glued to the first sentence of the preamble."""
    from guidediff.compare.diff import diff
    from guidediff.normalize.pipeline import normalize_file

    from .conftest import RAW_2021

    lines = [ln for ln in RAW_2021.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert lines[1:4] == ["“政府间国际科技创新合作”重点专项", "2021年度第一批项目申报指南",
                          "（征求意见稿）"]
    one_line = tmp_path / "one-line-title.txt"
    one_line.write_text("\n".join([lines[0], "".join(lines[1:4]), *lines[4:]]) + "\n",
                        encoding="utf-8")
    docx = tmp_path / "one-line-title.docx"
    office.convert(one_line, docx, "docx")
    source = normalize_file(RAW_2021)
    for path in (one_line, docx):
        n = normalize_file(path)
        assert n.guideline.meta.title == source.guideline.meta.title
        assert diff(source.guideline, n.guideline).substantive() == (), path.name
