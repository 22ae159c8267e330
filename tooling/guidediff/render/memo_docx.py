"""A memo as a Word document, laid out as GB/T 9704 asks of an official document: 小标宋-style
title, 仿宋 三号 body, 黑体 first-level headings, 28 mm / 26 mm side margins, page numbers
``— 1 —``, and the 落款 at the right; fonts the Debian machine lacks fall back to Noto CJK through
the font table. Used by the pair memo and the year memo."""

from __future__ import annotations

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt, RGBColor

from ..compare.events import ChangeLog
from . import docxutil as dx
from .memo import BLANK, Memo, build_memo
from .options import RenderOptions


def memo_document(m: Memo, lang: str, date: str) -> bytes:
    """A memo as a Word document; ``date`` is the ISO date written into its properties."""
    doc = Document()
    normal = doc.styles["Normal"]
    dx.set_east_asian_font(normal, "仿宋")
    normal.font.size = Pt(16)  # 三号
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.first_line_indent = Pt(32)  # two characters
    for name, font in (("Heading 1", "黑体"), ("Heading 2", "楷体"), ("Title", "黑体")):
        st = doc.styles[name]
        dx.set_east_asian_font(st, font)
        st.font.size = Pt(22 if name == "Title" else 16)
        st.font.bold = name == "Title"
        st.font.color.rgb = RGBColor(0, 0, 0)  # official documents print in black
        dx.remove_border(st)
        st.paragraph_format.first_line_indent = Pt(0) if name == "Title" else Pt(32)
    dx.declare_font_fallbacks(doc)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    title = doc.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dx.add_text(title, m.title)
    for head, paras in m.sections:
        dx.add_text(doc.add_paragraph(style="Heading 1"), head)
        for p in paras:
            dx.add_text(doc.add_paragraph(), p)
    doc.add_paragraph()  # GB/T 9704: a blank line, then 署名 and 成文日期 at the right
    for text in (m.issuer or BLANK[lang][0], m.date or BLANK[lang][1]):
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sign.paragraph_format.first_line_indent = Pt(0)
        sign.paragraph_format.right_indent = Pt(32)
        dx.add_text(sign, text)
    dx.add_page_number_footer(sec)
    dx.set_properties(doc, m.title, date)
    return dx.save_deterministic(doc)


def render_memo_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    """The pair memo as a Word document."""
    return memo_document(build_memo(log, opts), opts.lang, opts.revision_date(log.new.year))
