"""PDF input: the text layer, page by page, with page numbers taken from the PDF itself."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..model import Line
from .pages import mark_carried_pages
from .raw import RawText, xml_safe


def read_pdf(data: bytes, path: str | Path) -> RawText:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise InputError(f"is not a readable PDF ({e})", path) from None
    lines: list[Line] = []
    replaced = 0
    try:
        if len(pdf) == 0:
            raise InputError("is a PDF with no pages", path)
        for index in range(len(pdf)):
            page = pdf[index]
            text = page.get_textpage().get_text_range()
            first = True
            # pdfium marks a hyphen it saw at a line break with U+FFFE: keep it as printed
            text, bad = xml_safe(text.replace("\ufffe", "-"))
            replaced += bad
            for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
                line = raw.rstrip()
                if not line.strip():
                    continue
                lines.append(Line(len(lines) + 1, line, index + 1, first, sheet=index))
                first = False
    except pdfium.PdfiumError as e:
        raise InputError(f"is a damaged PDF ({e})", path) from None
    finally:
        pdf.close()
    if not lines:
        raise InputError("is a PDF without a text layer (a scan?): run OCR on it first", path)
    lines = mark_carried_pages(lines)
    warnings = (f"{path}: {replaced} characters of the text layer cannot be stored and were "
                "replaced by �",) if replaced else ()
    return RawText(str(path), hashlib.sha256(data).hexdigest(), "pdf", tuple(lines), warnings)
