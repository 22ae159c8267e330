"""Real documents in other formats, made from the corpus texts (DOCX by python-docx, PDF from that
DOCX by LibreOffice): one printed page of the text is one page of the DOCX and of the PDF."""

from __future__ import annotations

import subprocess
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


def convert(soffice: str, source: Path, target: str, out_dir: Path) -> Path:
    """LibreOffice opens ``source`` and saves it as ``target`` (``pdf``, ``docx:MS Word 2007
    XML``…) in ``out_dir``."""
    profile = out_dir / "lo-profile"
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", target,
                    "--outdir", str(out_dir), str(source)],
                   check=True, capture_output=True, timeout=300)
    return out_dir / (source.stem + "." + target.split(":")[0])


def pdf_from_docx(soffice: str, docx_path: Path, out_dir: Path) -> Path:
    return convert(soffice, docx_path, "pdf", out_dir)
