"""A memo as a Word document, laid out as GB/T 9704 asks of an official document: the title in
方正小标宋简体 2号, the body in 仿宋_GB2312 3号, first-level headings in 黑体, 37/35 mm top and
bottom and 28/26 mm side margins on A4, page numbers ``— 1 —``, and the 落款 at the right
(``docxbase``). Used by the pair memo and the year memo."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from ..compare.events import ChangeLog
from . import docxbase as base
from . import docxutil as dx
from .memo import BLANK, Memo, build_memo
from .options import RenderOptions


def memo_document(m: Memo, opts: RenderOptions, date: str, subject: str) -> bytes:
    """A memo as a Word document; ``date`` is the ISO date written into its properties,
    ``subject`` what it compares."""
    doc = base.new_document()
    base.official_styles(doc)
    sec = doc.sections[0]
    base.a4(sec)
    dx.add_text(doc.add_paragraph(style="Title"), m.title)
    for head, paras in m.sections:
        dx.add_text(doc.add_paragraph(style="Heading 1"), head)
        for p in paras:
            dx.add_text(doc.add_paragraph(), p)
    doc.add_paragraph()  # GB/T 9704: a blank line, then 署名 and 成文日期 at the right
    for text in (m.issuer or BLANK[opts.lang][0], m.date or BLANK[opts.lang][1]):
        sign = doc.add_paragraph()
        sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        sign.paragraph_format.first_line_indent = Pt(0)
        sign.paragraph_format.right_indent = Pt(32)
        dx.add_text(sign, text)
    dx.add_page_number_footer(sec)
    base.set_properties(doc, m.title, subject, m.issuer or opts.author, date)
    return base.finish(doc)


def render_memo_docx(log: ChangeLog, opts: RenderOptions) -> bytes:
    """The pair memo as a Word document."""
    return memo_document(build_memo(log, opts), opts, opts.revision_date(log.new.year),
                         base.pair_subject(log, opts.lang))
