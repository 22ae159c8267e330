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
    from guidediff.normalize.parse import title_block

    g = norm.guideline
    front = [b.text for b in g.front]
    preamble = [g.meta.title, *front[title_block(front):]]
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
def test_libreoffice_converts_to_pdf(reports: dict[str, Path], name: str,
                                     tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    profile = tmp_path / "profile"
    r = subprocess.run([soffice, "--headless", "--norestore",
                        f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf",
                        "--outdir", str(tmp_path), str(reports[name])],
                       capture_output=True, text=True, timeout=300, check=False)
    pdf = tmp_path / (reports[name].stem + ".pdf")
    assert r.returncode == 0, r.stderr
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


def test_the_table_fits_in_12_pages_and_is_looked_at(reports: dict[str, Path],
                                                    screenshots: Path) -> None:
    """The 新旧对照表 of the real pair, printed by LibreOffice: under 12 pages, and page 1 as a
    picture (build/screenshots/table-page1.png) for a person to look at."""
    import pypdfium2 as pdfium

    soffice = require_tool("soffice")
    pdftoppm = require_tool("pdftoppm")
    out = screenshots / "table"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(out / 'profile').as_uri()}", "--convert-to", "pdf",
                    "--outdir", str(out), str(reports["table.docx"])],
                   capture_output=True, timeout=300, check=True)
    pdf = out / (reports["table.docx"].stem + ".pdf")
    pages = len(pdfium.PdfDocument(str(pdf)))
    assert 1 < pages < 12, pages
    subprocess.run([pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(screenshots / "table-page1")], check=True, timeout=120)
    png = screenshots / "table-page1.png"
    assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 20_000
