"""Documents whose structure a reader must take once: the real 2022 text as a DOCX with part of
it in a table inside a table cell, in a Word text box (stored as a shape, as VML, or both), in
content controls, or with its direction numbers made by Word's legal-style numbering; and as a
text with a field label printed twice in a direction. Pure functions of their arguments.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from .hostile import _CONTENT_TYPES, _RELS, W_NS

_NS = {"w": W_NS,
       "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
       "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
       "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
       "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
       "v": "urn:schemas-microsoft-com:vml"}

MARK = "（9）写在文本框里的要求，只应读一次。"  # what a structure holds, to be found once


def _p(text: str, num: tuple[str, str] | None = None, inner: str = "") -> str:
    ppr = "" if num is None else (f'<w:pPr><w:numPr><w:ilvl w:val="{num[1]}"/>'
                                  f'<w:numId w:val="{num[0]}"/></w:numPr></w:pPr>')
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>{inner}</w:p>'


def _package(body: Sequence[str], numbering: str | None = None) -> bytes:
    ns = " ".join(f'xmlns:{k}="{v}"' for k, v in _NS.items())
    doc = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {ns} '
           f'mc:Ignorable="wps"><w:body>{"".join(body)}</w:body></w:document>')
    parts = [("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
             ("word/document.xml", doc)]
    if numbering is not None:
        parts.append(("word/numbering.xml", numbering))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2022, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def _at_requirements(text: str, made: Callable[[list[str]], list[str]]) -> bytes:
    """The text as a DOCX, one paragraph a line, with ``made`` turning the paragraphs of 1.1's
    first requirement into a structure."""
    lines = text.split("\n")
    at = next(k for k, ln in enumerate(lines) if ln.startswith("其他要求")) + 2
    paras = [_p(ln) for ln in lines]
    return _package(paras[:at] + made([_p(MARK)]) + paras[at:])


def _cell(*content: str) -> str:
    return f"<w:tc>{''.join(content) or _p('')}</w:tc>"


def _table(*rows: Sequence[str]) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows) + "</w:tbl>"


def nested_table(depth: int = 1) -> Callable[[list[str]], list[str]]:
    """The paragraph inside a table inside a cell of a table (``depth`` tables deep), beside
    a cell of its own."""
    def made(paras: list[str]) -> list[str]:
        inner = "".join(paras)
        for k in range(depth):
            inner = _table([_cell(_p(f"表{k}"), inner), _cell(_p(f"旁{k}"))]) + _p("")
        return [_table([_cell(_p("外层表格"), inner)])]
    return made


def _shape_box(content: str) -> str:
    return ('<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
            f'<w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
            '</a:graphic></wp:anchor></w:drawing>')


def _vml_box(content: str) -> str:
    return (f'<w:pict><v:shape><v:textbox><w:txbxContent>{content}</w:txbxContent>'
            '</v:textbox></v:shape></w:pict>')


def text_box(kind: str) -> Callable[[list[str]], list[str]]:
    """The paragraph in a text box anchored in a paragraph of its own: ``both`` (a shape with
    its VML fallback, as Word writes it), ``shape`` or ``vml`` alone, or ``table`` (a table in
    the box)."""
    def made(paras: list[str]) -> list[str]:
        content = "".join(paras)
        if kind == "table":
            content = _table([_cell(content)])
        box = {"both": ('<mc:AlternateContent><mc:Choice Requires="wps">'
                        f'{_shape_box(content)}</mc:Choice><mc:Fallback>{_vml_box(content)}'
                        '</mc:Fallback></mc:AlternateContent>'),
               "shape": _shape_box(content), "vml": _vml_box(content),
               "table": ('<mc:AlternateContent><mc:Choice Requires="wps">'
                         f'{_shape_box(content)}</mc:Choice><mc:Fallback>{_vml_box(content)}'
                         '</mc:Fallback></mc:AlternateContent>')}[kind]
        return [f'<w:p><w:r><w:t xml:space="preserve">（8）锚定文本框的段落。</w:t></w:r>'
                f'<w:r>{box}</w:r></w:p>']
    return made


def content_controls(paras: list[str]) -> list[str]:
    """The paragraph in a content control in a custom XML element, in a table whose row is
    in a content control."""
    inner = f"<w:customXml><w:sdt><w:sdtPr/><w:sdtContent>{''.join(paras)}</w:sdtContent>" \
            "</w:sdt></w:customXml>"
    row = f"<w:sdt><w:sdtPr/><w:sdtContent><w:tr>{_cell(inner)}</w:tr></w:sdtContent></w:sdt>"
    return [f"<w:tbl>{row}</w:tbl>"]


def docx_with(text: str, made: Callable[[list[str]], list[str]]) -> bytes:
    return _at_requirements(text, made)


def legal_numbering(text: str, legal: str = "<w:isLgl/>") -> bytes:
    """The text as a DOCX whose direction headings 1.1 … 1.9 are numbered by Word: level 0
    counts in Chinese (一、), level 1 prints ``%1.%2`` in legal style (``legal``), so that
    Word shows 1.1, not 一.1."""
    numbering = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 f'<w:numbering xmlns:w="{W_NS}"><w:abstractNum w:abstractNumId="0">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                 '<w:lvlText w:val="%1、"/></w:lvl>'
                 f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>{legal}'
                 '<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    paras = []
    for ln in text.split("\n"):
        m = re.match(r"^\s*1\.[1-9](?![0-9])\s*", ln)
        paras.append(_p(ln[m.end():], ("1", "1")) if m else _p(ln))
    return _package(paras, numbering)


def label_twice(text: str, second: str) -> str:
    """The text with a second 其他要求 field at the end of direction 1.1 holding ``second``."""
    i = text.index("1.2中国和法国")
    return text[:i].rstrip("\n") + f"\n\n其他要求：\n\n（1）{second}\n\n" + text[i:]
