"""python-docx helpers shared by the DOCX renderers: runs, paragraphs and table rows built as
XML in one pass, revisions (w:ins/w:del), page numbers, repeated table headers. The document
itself (its template, fonts, styles, properties and saving) is ``docxbase``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

AUTHOR = "guidediff"


class Revisions:
    """Numbers revisions and stamps them with one author and date."""

    def __init__(self, date: str, author: str = AUTHOR):
        self.date, self.author = date, author
        self.next_id = 1

    def mark(self, tag: str, **attrs: str) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        el.set(qn("w:author"), self.author)
        el.set(qn("w:date"), self.date)
        for k, v in attrs.items():
            el.set(qn(f"w:{k}"), v)
        self.next_id += 1
        return el


def _run(text: str, deleted: bool, bold: bool = False, strike: bool = False,
         underline: bool = False, size: float | None = None, color: str | None = None,
         font: str | None = None) -> Any:
    r = OxmlElement("w:r")
    if bold or strike or underline or size or color or font:
        rpr = OxmlElement("w:rPr")
        if font:
            fonts = OxmlElement("w:rFonts")
            fonts.set(qn("w:eastAsia"), font)
            rpr.append(fonts)
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
        size: float | None = None, color: str | None = None, font: str | None = None) -> Any:
    return _run(text, False, bold, strike, underline, size, color, font)


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


def paragraph(runs: Iterable[Any], indent_pt: float = 0, keep_next: bool = False,
              center: bool = False) -> Any:
    p = OxmlElement("w:p")
    if indent_pt or keep_next or center:
        ppr = OxmlElement("w:pPr")
        if keep_next:
            ppr.append(OxmlElement("w:keepNext"))
        if indent_pt:
            ind = OxmlElement("w:ind")
            ind.set(qn("w:left"), str(int(indent_pt * 20)))
            ppr.append(ind)
        if center:
            jc = OxmlElement("w:jc")
            jc.set(qn("w:val"), "center")
            ppr.append(jc)
        p.append(ppr)
    for r in runs:
        p.append(r)
    return p


def twips(mm: float) -> int:
    """A length in twentieths of a point, the unit of table widths (w:tcW, w:gridCol)."""
    return round(mm * 1440 / 25.4)


def cell(paragraphs: list[Any], width_twips: int, span: int = 1,
         shade: str | None = None) -> Any:
    """A table cell of the given width (the same number as its grid column's, so that Word
    and LibreOffice agree on it) holding at least one paragraph, as every cell must."""
    tc = OxmlElement("w:tc")
    pr = OxmlElement("w:tcPr")
    w = OxmlElement("w:tcW")
    w.set(qn("w:w"), str(width_twips))
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
            pr.append(OxmlElement("w:tblHeader"))
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


def add_page_number_footer(section: Any, prefix: str = "— ", suffix: str = " —") -> None:
    """Page numbers as GB/T 9704 prints them: ``— 1 —``, centred, 4号 (14 pt) 宋体."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = 0
    p._p.append(run(prefix, size=14, font="宋体"))
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        r = run("", size=14, font="宋体")
        r.remove(r[-1])  # the empty text
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
    p._p.append(run(suffix, size=14, font="宋体"))
