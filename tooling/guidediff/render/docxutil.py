"""python-docx helpers shared by the DOCX renderers: revisions (w:ins/w:del), East Asian fonts
with fallbacks that exist on Debian, page numbers, repeated table headers, and a save that gives
the same bytes for the same input (fixed zip timestamps and document properties)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

AUTHOR = "guidediff"

# Fonts the documents ask for, and what Debian has (fonts-noto-cjk) when they are missing.
FONT_FALLBACKS = {
    "仿宋": "Noto Serif CJK SC",
    "楷体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
    "宋体": "Noto Serif CJK SC",
}


class Revisions:
    """Numbers revisions and stamps them with one author and date."""

    def __init__(self, date: str):
        self.date = date
        self.next_id = 1

    def mark(self, tag: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), AUTHOR)
        el.set(qn("w:date"), self.date)
        self.next_id += 1
        return el


def _run(text: str, deleted: bool, bold: bool = False, strike: bool = False,
         underline: bool = False, size: float | None = None, color: str | None = None) -> Any:
    r = OxmlElement("w:r")
    if bold or strike or underline or size or color:
        rpr = OxmlElement("w:rPr")
        if bold:
            rpr.append(OxmlElement("w:b"))
        if strike:
            rpr.append(OxmlElement("w:strike"))
        if color:
            c = OxmlElement("w:color")
            c.set(qn("w:val"), color)
            rpr.append(c)
        if size:
            sz = OxmlElement("w:sz")
            sz.set(qn("w:val"), str(int(size * 2)))
            rpr.append(sz)
        if underline:
            u = OxmlElement("w:u")
            u.set(qn("w:val"), "single")
            rpr.append(u)
        r.append(rpr)
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


# ---------------------------------------------------------------- tables in one pass
# python-docx's add_row and cell merging walk the whole table on every call; these build a row's
# XML directly, so that a table of n rows costs n.

EVIDENCE_SIZE = 7.5  # pt: the source under a clause, small
EVIDENCE_COLOR = "767676"  # grey that still passes WCAG AA on white


def run(text: str, *, bold: bool = False, strike: bool = False, underline: bool = False,
        size: float | None = None, color: str | None = None) -> Any:
    return _run(text, False, bold, strike, underline, size, color)


def marked_runs(ops: Iterable[tuple[int, str]], side: str) -> list[Any]:
    """One side of a diff: deletions struck (old side), insertions underlined (new side), both
    in bold so the marks survive black-and-white printing."""
    out = []
    for op, chunk in ops:
        if op == 0:
            out.append(run(chunk))
        elif op < 0 and side == "old":
            out.append(run(chunk, bold=True, strike=True))
        elif op > 0 and side == "new":
            out.append(run(chunk, bold=True, underline=True))
    return out


def paragraph(runs: Iterable[Any], indent_pt: float = 0, keep_next: bool = False) -> Any:
    p = OxmlElement("w:p")
    if indent_pt or keep_next:
        ppr = OxmlElement("w:pPr")
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))
        if indent_pt:
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(int(indent_pt * 20)))
            ppr.append(ind)
        p.append(ppr)
    for r in runs:
        p.append(r)
    return p


def cell(paragraphs: list[Any], width_mm: float, span: int = 1, shade: str | None = None) -> Any:
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    w = OxmlElement("w:tcW")
    w.set(qn("w:w"), str(int(width_mm * 56.7)))
    w.set(qn("w:type"), "dxa")
    pr.append(w)
    if span > 1:
        g = OxmlElement("w:gridSpan")
        g.set(qn("w:val"), str(span))
        pr.append(g)
    if shade:
        sh = OxmlElement("w:shd")
        sh.set(qn("w:val"), "clear")
        sh.set(qn("w:color"), "auto")
        sh.set(qn("w:fill"), shade)
        pr.append(sh)
    tc.append(pr)
    for p in paragraphs or [paragraph([])]:
        tc.append(p)
    return tc


def table_row(cells: list[Any], header: bool = False, keep: bool = False) -> Any:
    tr = OxmlElement("w:tr")
    if header or keep:
        pr = OxmlElement("w:trPr")
        if keep:
            pr.append(OxmlElement("w:cantSplit"))
        if header:
            h = OxmlElement("w:tblHeader")
            h.set(qn("w:val"), "true")
            pr.append(h)
        tr.append(pr)
    for c in cells:
        tr.append(c)
    return tr


def add_text(p: Paragraph, text: str, bold: bool = False) -> None:
    if text:
        p._p.append(_run(text, False, bold))


def add_inserted(p: Paragraph, text: str, rev: Revisions, bold: bool = False) -> None:
    if text:
        ins = rev.mark("w:ins")
        ins.append(_run(text, False, bold))
        p._p.append(ins)


def add_deleted(p: Paragraph, text: str, rev: Revisions, bold: bool = False) -> None:
    if text:
        d = rev.mark("w:del")
        d.append(_run(text, True, bold))
        p._p.append(d)


def add_ops(p: Paragraph, ops: Iterable[tuple[int, str]], rev: Revisions,
            bold: bool = False) -> None:
    """A token diff as tracked changes: equal text plain, deletions and insertions revised."""
    for op, chunk in ops:
        if op == 0:
            add_text(p, chunk, bold)
        elif op < 0:
            add_deleted(p, chunk, rev, bold)
        else:
            add_inserted(p, chunk, rev, bold)


def mark_paragraph(p: Paragraph, tag: str, rev: Revisions) -> None:
    """Mark the paragraph mark itself inserted (w:ins) or deleted (w:del)."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    rpr.append(rev.mark(tag))


def set_east_asian_font(style: Any, name: str, latin: str = "Times New Roman") -> None:
    """Set a style's fonts: ``name`` for Chinese (w:eastAsia), ``latin`` for the rest."""
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)


def remove_border(style: Any) -> None:
    """Drop a style's paragraph border (Word's Title style has a rule under it)."""
    ppr = style.element.pPr
    if ppr is not None:
        for b in ppr.findall(qn("w:pBdr")):
            ppr.remove(b)


def declare_font_fallbacks(document: Any) -> None:
    """fontTable entries with w:altName, so a machine without 仿宋 uses a Debian font."""
    part = next((r.target_part for r in document.part.rels.values()
                 if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False, no_network=True))
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    for name, alt in FONT_FALLBACKS.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": alt})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_page_number_footer(section: Any, prefix: str = "— ", suffix: str = " —") -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(p, prefix)
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        r = OxmlElement("w:r")
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        else:
            instr = OxmlElement("w:instrText")
            instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            instr.text = text
            r.append(instr)
        p._p.append(r)
    add_text(p, suffix)


def repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trpr.append(h)


def set_properties(document: Any, title: str, date: str) -> None:
    when = dt.datetime.fromisoformat(date.replace("Z", "+00:00")).replace(tzinfo=None)
    cp = document.core_properties
    cp.author = AUTHOR
    cp.last_modified_by = AUTHOR
    cp.title = title
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1


def save_deterministic(document: Any) -> bytes:
    """Save, then rewrite the zip with sorted members and a fixed timestamp."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = src.namelist()
        first = "[Content_Types].xml"
        ordered = [first, *sorted(n for n in names if n != first)]
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(name))
    return out.getvalue()
