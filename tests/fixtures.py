"""Real documents in other formats, made from the corpus texts (DOCX by python-docx; the tests
print it to PDF with the session's LibreOffice, fixture ``office``): one printed page of the text
is one page of the DOCX and of the PDF."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from guidediff.read.ingest import ingest


def docx_from_text(text_path: Path, out: Path) -> Path:
    raw = ingest(text_path)
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.font.name = "Noto Serif CJK SC"  # one font for every glyph, so PDF text keeps order
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    doc.styles["Normal"].paragraph_format.space_after = Pt(0)
    first = True
    for ln in raw.lines:
        if not ln.text.strip():
            continue
        p = doc.add_paragraph(ln.text.strip())
        if ln.page_start and not first:
            p.paragraph_format.page_break_before = True
        first = False
    doc.save(str(out))
    return out
